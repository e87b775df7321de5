using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Email;

/// <summary>A queue; it gets its own mailbox on creation (rule 11).</summary>
[DataContract(Name = "queue")]
[DataverseTable("queue", "queues", SchemaName = "Queue")]
public sealed class Queue : OwnedRecord
{
    [DataMember(Name = "queueid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(200)]
    public string Name { get; set; } = "";

    [DataMember(Name = "emailaddress"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress { get; set; }

    /// <summary>Mirrors the mailbox's approval; changed only through the mailbox.</summary>
    [DataMember(Name = "emailrouteraccessapproval"), ReadOnlyColumn]
    public int EmailRouterAccessApproval { get; set; } = (int)EmailAddressApproval.PendingApproval;

    [DataMember(Name = "incomingemaildeliverymethod"), OptionSet(typeof(IncomingDeliveryMethod))]
    public int IncomingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "outgoingemaildeliverymethod"), OptionSet(typeof(OutgoingDeliveryMethod))]
    public int OutgoingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "incomingemailfilteringmethod"), OptionSet(typeof(IncomingFilteringMethod))]
    public int IncomingEmailFilteringMethod { get; set; } = (int)IncomingFilteringMethod.ResponsesToCrmEmail;

    [DataMember(Name = "queueviewtype"), OptionSet(typeof(QueueViewType))]
    public int QueueViewType { get; set; }

    [DataMember(Name = "_defaultmailbox_value"), ReadOnlyColumn]
    public Guid? DefaultMailboxId { get; set; }

    [DataMember(Name = "isemailaddressapprovedbyo365admin"), ReadOnlyColumn]
    public bool IsEmailAddressApprovedByO365Admin { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(ActiveState))]
    public int StateCode { get; set; }
}
