using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Email;

/// <summary>How ServerSync reaches a mail server: type, authentication, locations and processing options.</summary>
[DataContract(Name = "emailserverprofile")]
[DataverseTable("emailserverprofile", "emailserverprofiles", SchemaName = "EmailServerProfile")]
public sealed class EmailServerProfile : OwnedRecord
{
    [DataMember(Name = "emailserverprofileid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(100)]
    public string Name { get; set; } = "";

    [DataMember(Name = "description"), MaxLength(2000)]
    public string? Description { get; set; }

    [DataMember(Name = "servertype"), OptionSet(typeof(ServerType))]
    public int ServerType { get; set; } = (int)Email.ServerType.ExchangeOnline;

    [DataMember(Name = "exchangeversion"), OptionSet(typeof(ExchangeVersion))]
    public int? ExchangeVersion { get; set; }

    [DataMember(Name = "incomingcredentialretrieval"), OptionSet(typeof(CredentialRetrieval))]
    public int IncomingCredentialRetrieval { get; set; }

    [DataMember(Name = "outgoingcredentialretrieval"), OptionSet(typeof(CredentialRetrieval))]
    public int OutgoingCredentialRetrieval { get; set; }

    [DataMember(Name = "incomingauthenticationprotocol"), OptionSet(typeof(AuthenticationProtocol))]
    public int IncomingAuthenticationProtocol { get; set; }

    [DataMember(Name = "outgoingauthenticationprotocol"), OptionSet(typeof(AuthenticationProtocol))]
    public int OutgoingAuthenticationProtocol { get; set; }

    [DataMember(Name = "incomingserverlocation"), MaxLength(2084)]
    public string? IncomingServerLocation { get; set; }

    [DataMember(Name = "outgoingserverlocation"), MaxLength(2084)]
    public string? OutgoingServerLocation { get; set; }

    /// <summary>The EWS endpoint; rule 37 points the China profile at partner.outlook.cn through it.</summary>
    [DataMember(Name = "defaultserverlocation"), MaxLength(2084)]
    public string? DefaultServerLocation { get; set; }

    [DataMember(Name = "useautodiscover")]
    public bool UseAutoDiscover { get; set; }

    [DataMember(Name = "incomingportnumber"), Range(0, 65536)]
    public int? IncomingPortNumber { get; set; }

    [DataMember(Name = "outgoingportnumber"), Range(0, 65536)]
    public int? OutgoingPortNumber { get; set; }

    [DataMember(Name = "incomingusessl")]
    public bool IncomingUseSsl { get; set; } = true;

    [DataMember(Name = "outgoingusessl")]
    public bool OutgoingUseSsl { get; set; } = true;

    [DataMember(Name = "incominguseimpersonation")]
    public bool IncomingUseImpersonation { get; set; }

    [DataMember(Name = "outgoinguseimpersonation")]
    public bool OutgoingUseImpersonation { get; set; }

    [DataMember(Name = "usesamesettingsforoutgoingconnections")]
    public bool UseSameSettingsForOutgoingConnections { get; set; } = true;

    [DataMember(Name = "incomingusername"), MaxLength(250)]
    public string? IncomingUserName { get; set; }

    [SecretColumn("incomingpassword", nameof(IsIncomingPasswordSet))]
    public string? IncomingPasswordProtected { get; set; }

    [DataMember(Name = "isincomingpasswordset"), ReadOnlyColumn]
    public bool IsIncomingPasswordSet { get; set; }

    [DataMember(Name = "outgoingusername"), MaxLength(250)]
    public string? OutgoingUserName { get; set; }

    [SecretColumn("outgoingpassword", nameof(IsOutgoingPasswordSet))]
    public string? OutgoingPasswordProtected { get; set; }

    [DataMember(Name = "isoutgoingpasswordset"), ReadOnlyColumn]
    public bool IsOutgoingPasswordSet { get; set; }

    [DataMember(Name = "maxconcurrentconnections"), Range(1, 300)]
    public int MaxConcurrentConnections { get; set; } = 10;

    [DataMember(Name = "minpollingintervalinminutes"), Range(0, 1440)]
    public int? MinPollingIntervalInMinutes { get; set; }

    [DataMember(Name = "processemailsreceivedafter")]
    public DateTimeOffset? ProcessEmailsReceivedAfter { get; set; }

    [DataMember(Name = "moveundeliveredemails")]
    public bool MoveUndeliveredEmails { get; set; }

    [DataMember(Name = "timeoutmailboxconnection")]
    public bool TimeoutMailboxConnection { get; set; } = true;

    [DataMember(Name = "timeoutmailboxconnectionafteramount"), Range(0, 100000)]
    public int? TimeoutMailboxConnectionAfterAmount { get; set; }

    [DataMember(Name = "sendemailalert")]
    public bool SendEmailAlert { get; set; }

    [DataMember(Name = "usedefaulttenantid")]
    public bool UseDefaultTenantId { get; set; } = true;

    [DataMember(Name = "exchangeonlinetenantid"), MaxLength(36)]
    public string? ExchangeOnlineTenantId { get; set; }

    [DataMember(Name = "oauthclientid"), MaxLength(100)]
    public string? OAuthClientId { get; set; }

    [SecretColumn("oauthclientsecret", nameof(IsOAuthClientSecretSet))]
    public string? OAuthClientSecretProtected { get; set; }

    [DataMember(Name = "isoauthclientsecretset"), ReadOnlyColumn]
    public bool IsOAuthClientSecretSet { get; set; }

    [DataMember(Name = "aadresourceid"), MaxLength(2084)]
    public string? AadResourceId { get; set; }

    [DataMember(Name = "owneremailaddress"), MaxLength(100), EmailAddressColumn]
    public string? OwnerEmailAddress { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(ActiveState))]
    public int StateCode { get; set; }

    [DataMember(Name = "statuscode")]
    public int StatusCode { get; set; } = 1;

    /// <summary>Marks the "Microsoft Exchange Online" profile the product created from the tenant connection (rule 8).</summary>
    public bool CreatedFromTenantConnection { get; set; }

    public ServerType Type => (ServerType)ServerType;
}
