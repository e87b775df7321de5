using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Activities;

/// <summary>An email activity: mail received through a mailbox or written in the CRM and sent through one.</summary>
[DataContract(Name = "email")]
[DataverseTable("email", "emails", SchemaName = "Activity")]
public sealed class EmailActivity : OwnedRecord
{
    [DataMember(Name = "activityid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "subject"), MaxLength(400)]
    public string? Subject { get; set; }

    /// <summary>The body (HTML when the mail had an HTML part, else the text); 1,048,576 characters through the API, as Dataverse's email.description.</summary>
    [DataMember(Name = "description"), MemoColumn(1_048_576)]
    public string? Description { get; set; }

    [DataMember(Name = "statecode"), ReadOnlyColumn]
    public int StateCode { get; set; } = (int)EmailState.Open;

    [DataMember(Name = "statuscode"), ReadOnlyColumn]
    public int StatusCode { get; set; } = (int)EmailStatus.Draft;

    /// <summary>True = outgoing (the default), false = incoming.</summary>
    [DataMember(Name = "directioncode")]
    public bool DirectionCode { get; set; } = true;

    [DataMember(Name = "messageid"), ReadOnlyColumn, MaxLength(320)]
    public string? MessageId { get; set; }

    /// <summary>Hash of the normalised Message-ID: one activity per message per environment.</summary>
    [DataMember(Name = "messageiddupcheck"), ReadOnlyColumn]
    public Guid? MessageIdDupCheck { get; set; }

    [DataMember(Name = "inreplyto"), ReadOnlyColumn, MaxLength(320)]
    public string? InReplyTo { get; set; }

    [DataMember(Name = "conversationindex"), ReadOnlyColumn, MaxLength(2048)]
    public string? ConversationIndex { get; set; }

    [DataMember(Name = "trackingtoken"), ReadOnlyColumn, MaxLength(50)]
    public string? TrackingToken { get; set; }

    [DataMember(Name = "correlationmethod"), ReadOnlyColumn]
    public int CorrelationMethod { get; set; }

    [DataMember(Name = "_regardingobjectid_value"),
     Lookup("regardingobjectid", typeof(Customers.Contact), typeof(Customers.Account), typeof(Customers.Lead), typeof(global::ServerSync.Domain.Email.Queue), typeof(Security.SystemUser), TypeProperty = nameof(RegardingObjectTypeCode))]
    public Guid? RegardingObjectId { get; set; }

    public string? RegardingObjectTypeCode { get; set; }

    [DataMember(Name = "_parentactivityid_value"), ReadOnlyColumn]
    public Guid? ParentActivityId { get; set; }

    [DataMember(Name = "_receivingmailboxid_value"), ReadOnlyColumn]
    public Guid? ReceivingMailboxId { get; set; }

    [DataMember(Name = "_sendermailboxid_value"), ReadOnlyColumn]
    public Guid? SenderMailboxId { get; set; }

    [DataMember(Name = "_acceptingentityid_value"), ReadOnlyColumn]
    public Guid? AcceptingEntityId { get; set; }

    [DataMember(Name = "acceptingentitytypecode"), ReadOnlyColumn]
    public string? AcceptingEntityTypeCode { get; set; }

    [DataMember(Name = "deliveryattempts"), ReadOnlyColumn]
    public int DeliveryAttempts { get; set; }

    [DataMember(Name = "notifications"), ReadOnlyColumn]
    public int Notifications { get; set; }

    [DataMember(Name = "deliveryprioritycode"), OptionSet(typeof(DeliveryPriority))]
    public int DeliveryPriorityCode { get; set; } = (int)DeliveryPriority.Normal;

    [DataMember(Name = "sender"), ReadOnlyColumn, MaxLength(250)]
    public string? Sender { get; set; }

    [DataMember(Name = "torecipients"), ReadOnlyColumn, MaxLength(500)]
    public string? ToRecipients { get; set; }

    [DataMember(Name = "senton"), ReadOnlyColumn]
    public DateTimeOffset? SentOn { get; set; }

    [DataMember(Name = "attachmentcount"), ReadOnlyColumn]
    public int AttachmentCount { get; set; }

    /// <summary>
    /// Outgoing: done with the copy in the sender's Sent folder: written (a retry must not append it twice), or given
    /// up on with a warning alert because the server has no Sent folder.
    /// </summary>
    public bool SavedToSentFolder { get; set; }

    /// <summary>
    /// Outgoing: when the SMTP transfer of this attempt began (after connecting and signing in, before MAIL FROM). An
    /// email found in Sending with it set may have been accepted by the server, so it is never sent blindly again.
    /// </summary>
    public DateTimeOffset? SmtpTransferStartedOn { get; set; }

    /// <summary>Outgoing: not before this time (backoff after a transient send failure).</summary>
    public DateTimeOffset? PostponeSendingUntil { get; set; }
}
