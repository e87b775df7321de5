using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Email;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>
/// A user of one environment: a directory person (linked by <see cref="DirectoryUserId"/>) or an
/// application user (linked by <see cref="ApplicationId"/>). It gets its own mailbox on creation (rule 10).
/// </summary>
[DataContract(Name = "systemuser")]
[DataverseTable("systemuser", "systemusers", SchemaName = "User", Ownership = Ownership.Organization)]
public sealed class SystemUser : EnvironmentRecord
{
    [DataMember(Name = "systemuserid")]
    public override Guid Id { get; set; }

    /// <summary>The user principal name of the directory person.</summary>
    [DataMember(Name = "domainname"), MaxLength(1024)]
    public string? DomainName { get; set; }

    [DataMember(Name = "fullname"), MaxLength(200)]
    public string FullName { get; set; } = "";

    [DataMember(Name = "internalemailaddress"), MaxLength(100), EmailAddressColumn]
    public string? InternalEmailAddress { get; set; }

    [DataMember(Name = "_businessunitid_value"), Lookup("businessunitid", typeof(BusinessUnit))]
    public Guid BusinessUnitId { get; set; }

    [DataMember(Name = "isdisabled")]
    public bool IsDisabled { get; set; }

    /// <summary>Client id of the application this application user signs in as.</summary>
    [DataMember(Name = "applicationid")]
    public Guid? ApplicationId { get; set; }

    [DataMember(Name = "azureactivedirectoryobjectid"), ReadOnlyColumn]
    public Guid? DirectoryUserId { get; set; }

    [DataMember(Name = "emailrouteraccessapproval"), ReadOnlyColumn]
    public int EmailRouterAccessApproval { get; set; } = (int)EmailAddressApproval.PendingApproval;

    [DataMember(Name = "incomingemaildeliverymethod"), OptionSet(typeof(IncomingDeliveryMethod))]
    public int IncomingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "outgoingemaildeliverymethod"), OptionSet(typeof(OutgoingDeliveryMethod))]
    public int OutgoingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "incomingemailfilteringmethod"), OptionSet(typeof(IncomingFilteringMethod))]
    public int IncomingEmailFilteringMethod { get; set; } = (int)IncomingFilteringMethod.ResponsesToCrmEmail;

    /// <summary>The user's number inside tracking tokens (offset by trackingtokenidbase); assigned at creation.</summary>
    public int TrackingNumber { get; set; }

    [DataMember(Name = "_defaultmailbox_value"), ReadOnlyColumn]
    public Guid? DefaultMailboxId { get; set; }
}
