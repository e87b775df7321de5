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

    [DataMember(Name = "emailaddress"), MaxLength(100)]
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

    public bool IsQueueMailbox => RegardingObjectTypeCode == "queue";
}
