namespace ServerSync.Domain.Email;

// Option values exactly as Dataverse defines them (reference section 1).

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

public enum IncomingDeliveryMethod { None = 0, Outlook = 1, ServerSideSync = 2, ForwardMailbox = 3 }

public enum OutgoingDeliveryMethod { None = 0, Outlook = 1, ServerSideSync = 2 }

public enum ActDeliveryMethod { Outlook = 0, ServerSideSync = 1, None = 2 }

public enum EmailAddressApproval { Empty = 0, Approved = 1, PendingApproval = 2, Rejected = 3 }

public enum TestStatus { NotRun = 0, Success = 1, Failure = 2 }

public enum IncomingFilteringMethod { AllEmail = 0, ResponsesToCrmEmail = 1, FromLeadsContactsAccounts = 2, FromEmailEnabledRecords = 3, NoEmail = 4 }

public enum QueueViewType { Public = 0, Private = 1 }

public enum EmailConnectionChannel { ServerSideSync = 0, EmailRouter = 1 }

public enum ActiveState { Active = 0, Inactive = 1 }
