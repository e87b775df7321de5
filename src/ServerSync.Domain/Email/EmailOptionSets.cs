using System.ComponentModel.DataAnnotations;

namespace ServerSync.Domain.Email;

// Option values exactly as Dataverse defines them (reference section 1); [Display] gives a label where it isn't the
// member's name in words (EntityDefinitions serves them).

public enum ServerType { ExchangeServer = 0, Other = 1, ExchangeServerHybrid = 2, ExchangeOnline = 3, ImapSmtp = 4 }

public enum ExchangeVersion { Exchange2007 = 0, Exchange2007Sp1 = 1, Exchange2010 = 2, Exchange2010Sp1 = 3, Exchange2010Sp2 = 4, Exchange2013 = 5 }

public enum CredentialRetrieval
{
    UserOrQueue = 0,
    EmailServerProfile = 1,
    ServerToServer = 2,
    WindowsIntegrated = 3,
    Anonymous = 4,
    GmailOAuth = 5,
    ExchangeHybridModernAuth = 6,
    AzureActiveDirectoryOAuth = 7,
}

public enum AuthenticationProtocol { AutoDetect = 0, Negotiate = 1, Ntlm = 2, Basic = 3, OAuth = 4 }

public enum IncomingDeliveryMethod
{
    None = 0,
    [Display(Name = "Microsoft Dynamics 365 for Outlook")] Outlook = 1,
    [Display(Name = "Server-Side Synchronization or Email Router")] ServerSideSync = 2,
    ForwardMailbox = 3,
}

public enum OutgoingDeliveryMethod
{
    None = 0,
    [Display(Name = "Microsoft Dynamics 365 for Outlook")] Outlook = 1,
    [Display(Name = "Server-Side Synchronization or Email Router")] ServerSideSync = 2,
}

public enum ActDeliveryMethod
{
    [Display(Name = "Microsoft Dynamics 365 for Outlook")] Outlook = 0,
    [Display(Name = "Server-Side Synchronization")] ServerSideSync = 1,
    None = 2,
}

public enum EmailAddressApproval { Empty = 0, Approved = 1, PendingApproval = 2, Rejected = 3 }

public enum TestStatus { NotRun = 0, Success = 1, Failure = 2 }

public enum IncomingFilteringMethod
{
    [Display(Name = "All email messages")] AllEmail = 0,
    [Display(Name = "Email messages in response to Dynamics 365 email")] ResponsesToCrmEmail = 1,
    [Display(Name = "Email messages from Dynamics 365 Leads, Contacts and Accounts")] FromLeadsContactsAccounts = 2,
    [Display(Name = "Email messages from Dynamics 365 records that are email enabled")] FromEmailEnabledRecords = 3,
    [Display(Name = "No email messages")] NoEmail = 4,
}

public enum QueueViewType { Public = 0, Private = 1 }

public enum EmailConnectionChannel { ServerSideSync = 0, EmailRouter = 1 }

public enum ActiveState { Active = 0, Inactive = 1 }
