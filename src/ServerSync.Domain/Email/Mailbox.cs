using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Email;

/// <summary>The mailbox of a user or queue (or a forward mailbox), its delivery methods, approval and test state.</summary>
[DataContract(Name = "mailbox")]
[DataverseTable("mailbox", "mailboxes", SchemaName = "Mailbox")]
public sealed class Mailbox : OwnedRecord
{
    [DataMember(Name = "mailboxid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(200)]
    public string Name { get; set; } = "";

    [DataMember(Name = "emailaddress"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress { get; set; }

    [DataMember(Name = "_regardingobjectid_value"), ReadOnlyColumn]
    public Guid? RegardingObjectId { get; set; }

    /// <summary>systemuser or queue; empty on a forward mailbox.</summary>
    public string? RegardingObjectTypeCode { get; set; }

    [DataMember(Name = "_emailserverprofile_value"), Lookup("emailserverprofile", typeof(EmailServerProfile))]
    public Guid? EmailServerProfileId { get; set; }

    [DataMember(Name = "incomingemaildeliverymethod"), OptionSet(typeof(IncomingDeliveryMethod))]
    public int IncomingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "outgoingemaildeliverymethod"), OptionSet(typeof(OutgoingDeliveryMethod))]
    public int OutgoingEmailDeliveryMethod { get; set; }

    [DataMember(Name = "actdeliverymethod"), OptionSet(typeof(ActDeliveryMethod))]
    public int ActDeliveryMethod { get; set; } = (int)Email.ActDeliveryMethod.None;

    [DataMember(Name = "emailrouteraccessapproval"), OptionSet(typeof(EmailAddressApproval))]
    public int EmailRouterAccessApproval { get; set; } = (int)EmailAddressApproval.PendingApproval;

    [DataMember(Name = "isemailaddressapprovedbyo365admin"), ReadOnlyColumn]
    public bool IsEmailAddressApprovedByO365Admin { get; set; }

    [DataMember(Name = "incomingemailstatus"), ReadOnlyColumn]
    public int IncomingEmailStatus { get; set; }

    [DataMember(Name = "outgoingemailstatus"), ReadOnlyColumn]
    public int OutgoingEmailStatus { get; set; }

    [DataMember(Name = "actstatus"), ReadOnlyColumn]
    public int ActStatus { get; set; }

    [DataMember(Name = "mailboxstatus"), ReadOnlyColumn]
    public int MailboxStatus { get; set; }

    [DataMember(Name = "enabledforincomingemail"), ReadOnlyColumn]
    public bool EnabledForIncomingEmail { get; set; }

    [DataMember(Name = "enabledforoutgoingemail"), ReadOnlyColumn]
    public bool EnabledForOutgoingEmail { get; set; }

    [DataMember(Name = "enabledforact"), ReadOnlyColumn]
    public bool EnabledForAct { get; set; }

    [DataMember(Name = "testemailconfigurationscheduled")]
    public bool TestEmailConfigurationScheduled { get; set; }

    [DataMember(Name = "testemailconfigurationretrycount"), ReadOnlyColumn]
    public int TestEmailConfigurationRetryCount { get; set; }

    [DataMember(Name = "postponetestemailconfigurationuntil"), ReadOnlyColumn]
    public DateTimeOffset? PostponeTestEmailConfigurationUntil { get; set; }

    [DataMember(Name = "testmailboxaccesscompletedon"), ReadOnlyColumn]
    public DateTimeOffset? TestMailboxAccessCompletedOn { get; set; }

    [DataMember(Name = "processemailreceivedafter")]
    public DateTimeOffset? ProcessEmailReceivedAfter { get; set; }

    [DataMember(Name = "processanddeleteemails")]
    public bool ProcessAndDeleteEmails { get; set; }

    [DataMember(Name = "isforwardmailbox")]
    public bool IsForwardMailbox { get; set; }

    [DataMember(Name = "isserviceaccount"), ReadOnlyColumn]
    public bool IsServiceAccount { get; set; }

    [DataMember(Name = "allowemailconnectortousecredentials")]
    public bool AllowEmailConnectorToUseCredentials { get; set; }

    [DataMember(Name = "username"), MaxLength(200)]
    public string? UserName { get; set; }

    [SecretColumn("password", nameof(IsPasswordSet))]
    public string? PasswordProtected { get; set; }

    [DataMember(Name = "ispasswordset"), ReadOnlyColumn]
    public bool IsPasswordSet { get; set; }

    [DataMember(Name = "orgmarkedasprimaryforexchangesync"), ReadOnlyColumn]
    public bool OrgMarkedAsPrimaryForExchangeSync { get; set; }

    /// <summary>"Sync items with Exchange from this org only" (rule 35).</summary>
    [DataMember(Name = "isactsyncorgflagset")]
    public bool IsActSyncOrgFlagSet { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(ActiveState))]
    public int StateCode { get; set; }

    [DataMember(Name = "statuscode")]
    public int StatusCode { get; set; } = 1;

    // Processing state, written by the sync engine and shown for monitoring (reference 1.1).

    [DataMember(Name = "postponemailboxprocessinguntil"), ReadOnlyColumn]
    public DateTimeOffset? PostponeMailboxProcessingUntil { get; set; }

    [DataMember(Name = "receivingpostponeduntil"), ReadOnlyColumn]
    public DateTimeOffset? ReceivingPostponedUntil { get; set; }

    [DataMember(Name = "postponesendinguntil"), ReadOnlyColumn]
    public DateTimeOffset? PostponeSendingUntil { get; set; }

    [DataMember(Name = "transientfailurecount"), ReadOnlyColumn]
    public int TransientFailureCount { get; set; }

    /// <summary>Consecutive transient failures of sending (the engine disables outgoing at the configured limit).</summary>
    public int OutgoingTransientFailureCount { get; set; }

    [DataMember(Name = "noemailcount"), ReadOnlyColumn]
    public int NoEmailCount { get; set; }

    [DataMember(Name = "lastsyncerror"), ReadOnlyColumn, MaxLength(2048)]
    public string? LastSyncError { get; set; }

    [DataMember(Name = "lastsyncerrorcode"), ReadOnlyColumn]
    public int? LastSyncErrorCode { get; set; }

    [DataMember(Name = "lastsyncerrorcount"), ReadOnlyColumn]
    public int LastSyncErrorCount { get; set; }

    [DataMember(Name = "lastsyncerroroccurredon"), ReadOnlyColumn]
    public DateTimeOffset? LastSyncErrorOccurredOn { get; set; }

    [DataMember(Name = "lastsyncstartedon"), ReadOnlyColumn]
    public DateTimeOffset? LastSyncStartedOn { get; set; }

    [DataMember(Name = "lastsuccessfulsynccompletedon"), ReadOnlyColumn]
    public DateTimeOffset? LastSuccessfulSyncCompletedOn { get; set; }

    [DataMember(Name = "itemsprocessedforlastsync"), ReadOnlyColumn]
    public int ItemsProcessedForLastSync { get; set; }

    [DataMember(Name = "itemsfailedforlastsync"), ReadOnlyColumn]
    public int ItemsFailedForLastSync { get; set; }

    [DataMember(Name = "processedtimes"), ReadOnlyColumn]
    public int ProcessedTimes { get; set; }

    [DataMember(Name = "hostid"), ReadOnlyColumn, MaxLength(100)]
    public string? HostId { get; set; }

    /// <summary>The incoming connector's opaque sync state (UIDVALIDITY/UID, UIDLs) and what it belongs to.</summary>
    public string? IncomingSyncState { get; set; }

    /// <summary>Server and user the state was taken from: a different one starts the sync over.</summary>
    public string? IncomingSyncStateKey { get; set; }

    public bool IsQueueMailbox => RegardingObjectTypeCode == "queue";
}
