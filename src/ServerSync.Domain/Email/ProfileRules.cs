using ServerSync.Domain.Errors;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Email;

/// <summary>
/// Validation and defaults of email server profiles per server type (reference sections 1.2, 2.4 and 4).
/// Called after the request's columns are applied, before the row is saved.
/// </summary>
public static class ProfileRules
{
    /// <summary>
    /// Fills what the product fills on save: ports from the type and TLS choice, and the Exchange Online
    /// locations. [gap] Dataverse does not list its SMTP default; ServerSync uses 587 (STARTTLS) with TLS and 25 without.
    /// </summary>
    public static void ApplyDefaults(EmailServerProfile profile, ExchangeCloud cloud)
    {
        switch (profile.Type)
        {
            case ServerType.ExchangeOnline:
                profile.IncomingPortNumber = DefaultIfUnset(profile.IncomingPortNumber, 443);
                profile.OutgoingPortNumber = DefaultIfUnset(profile.OutgoingPortNumber, 443);
                profile.DefaultServerLocation ??= EwsEndpoint(cloud);
                profile.IncomingServerLocation ??= profile.DefaultServerLocation;
                profile.OutgoingServerLocation ??= profile.DefaultServerLocation;
                break;
            case ServerType.ExchangeServer or ServerType.ExchangeServerHybrid:
                profile.IncomingPortNumber = DefaultIfUnset(profile.IncomingPortNumber, profile.IncomingUseSsl ? 443 : 80);
                profile.OutgoingPortNumber = DefaultIfUnset(profile.OutgoingPortNumber, profile.OutgoingUseSsl ? 443 : 80);
                break;
            case ServerType.ImapSmtp:
                profile.IncomingPortNumber = DefaultIfUnset(profile.IncomingPortNumber, profile.IncomingUseSsl ? 993 : 143);
                profile.OutgoingPortNumber = DefaultIfUnset(profile.OutgoingPortNumber, profile.OutgoingUseSsl ? 587 : 25);
                break;
            case ServerType.Other:
                profile.IncomingPortNumber = DefaultIfUnset(profile.IncomingPortNumber, profile.IncomingUseSsl ? 995 : 110);
                profile.OutgoingPortNumber = DefaultIfUnset(profile.OutgoingPortNumber, profile.OutgoingUseSsl ? 587 : 25);
                break;
        }
    }

    /// <summary>The EWS endpoint of each Exchange Online cloud (rule 37 for China).</summary>
    public static string EwsEndpoint(ExchangeCloud cloud) => cloud switch
    {
        ExchangeCloud.China => "https://partner.outlook.cn/EWS/Exchange.asmx",
        ExchangeCloud.UsGovernment => "https://outlook.office365.us/EWS/Exchange.asmx",
        _ => "https://outlook.office365.com/EWS/Exchange.asmx",
    };

    /// <summary>Throws a 400 naming the first rule the profile breaks.</summary>
    public static void Validate(EmailServerProfile profile, bool tenantHasExchangeOnlineConnection)
    {
        switch (profile.Type)
        {
            case ServerType.ExchangeOnline:
                ValidateExchangeOnline(profile, tenantHasExchangeOnlineConnection);
                break;
            case ServerType.ExchangeServer or ServerType.ExchangeServerHybrid:
                RequireCredentials(profile, [CredentialRetrieval.EmailServerProfile, CredentialRetrieval.WindowsIntegrated, CredentialRetrieval.ExchangeHybridModernAuth], "Exchange Server");
                if (!profile.UseAutoDiscover && string.IsNullOrWhiteSpace(profile.IncomingServerLocation))
                    throw Bad("An Exchange Server profile needs Auto Discover Server Location or an EWS URL in incomingserverlocation.");
                RequireProfileSecrets(profile);
                break;
            case ServerType.ImapSmtp or ServerType.Other:
                var kind = profile.Type == ServerType.ImapSmtp ? "IMAP/SMTP" : "POP3/SMTP";
                RequireCredentials(profile, [CredentialRetrieval.UserOrQueue, CredentialRetrieval.EmailServerProfile, CredentialRetrieval.GmailOAuth], kind);
                if (string.IsNullOrWhiteSpace(profile.IncomingServerLocation))
                    throw Bad($"A {kind} profile needs incomingserverlocation (the {(profile.Type == ServerType.ImapSmtp ? "IMAP" : "POP3")} server).");
                if (string.IsNullOrWhiteSpace(profile.OutgoingServerLocation))
                    throw Bad($"A {kind} profile needs outgoingserverlocation (the SMTP server).");
                if (profile.IncomingUseImpersonation || profile.OutgoingUseImpersonation)
                    throw Bad($"Impersonation is available only on Exchange profiles, not on {kind}.");
                RequireProfileSecrets(profile);
                break;
        }
    }

    /// <summary>POP3 profiles can't be converted to IMAP (section 4); ServerSync keeps every type fixed after creation.</summary>
    public static void EnsureTypeUnchanged(int before, int after)
    {
        if (before != after)
            throw Bad("servertype can't be changed after the profile is created; create a new profile of the other type.");
    }

    private static void ValidateExchangeOnline(EmailServerProfile profile, bool tenantHasConnection)
    {
        // Section 2.4: only same-tenant server-to-server (and cross-tenant OAuth) work with Exchange Online.
        RequireCredentials(profile, [CredentialRetrieval.ServerToServer, CredentialRetrieval.AzureActiveDirectoryOAuth], "Exchange Online");
        if (profile.IncomingCredentialRetrieval != profile.OutgoingCredentialRetrieval)
            throw Bad("An Exchange Online profile uses the same authentication type for incoming and outgoing connections.");
        if (profile.IncomingUseImpersonation || profile.OutgoingUseImpersonation)
            throw Bad("Impersonation is not supported with Exchange Online.");
        if (!profile.UseAutoDiscover)
            throw Bad("Exchange Online profiles locate mailboxes automatically; useautodiscover can't be false.");
        if ((CredentialRetrieval)profile.IncomingCredentialRetrieval == CredentialRetrieval.ServerToServer)
        {
            if (!tenantHasConnection)
                throw Bad("Server-to-Server Authentication (Same Tenant) needs the tenant's Exchange Online connection; set it up under /api/admin/exchange-online first.");
            return;
        }
        if (profile.UseDefaultTenantId || string.IsNullOrWhiteSpace(profile.ExchangeOnlineTenantId))
            throw Bad("OAuth (Cross Tenant) needs usedefaulttenantid set to false and the other tenant's id in exchangeonlinetenantid.");
        if (!Guid.TryParse(profile.ExchangeOnlineTenantId, out _))
            throw Bad("exchangeonlinetenantid must be a tenant id (a GUID).");
        if (string.IsNullOrWhiteSpace(profile.OAuthClientId))
            throw Bad("OAuth (Cross Tenant) needs the application (client) id in oauthclientid.");
        if (!profile.IsOAuthClientSecretSet)
            throw Bad("OAuth (Cross Tenant) needs the client secret in oauthclientsecret.");
    }

    private static void RequireCredentials(EmailServerProfile profile, CredentialRetrieval[] allowed, string kind)
    {
        foreach (var (column, value) in new[] { ("incomingcredentialretrieval", profile.IncomingCredentialRetrieval), ("outgoingcredentialretrieval", profile.OutgoingCredentialRetrieval) })
        {
            if (!allowed.Contains((CredentialRetrieval)value))
                throw Bad($"{column} {value} ({(CredentialRetrieval)value}) is not supported on {kind} profiles; use one of {string.Join(", ", allowed.Select(a => $"{(int)a} ({a})"))}.");
        }
    }

    private static void RequireProfileSecrets(EmailServerProfile profile)
    {
        if ((CredentialRetrieval)profile.IncomingCredentialRetrieval == CredentialRetrieval.EmailServerProfile
            && (string.IsNullOrWhiteSpace(profile.IncomingUserName) || !profile.IsIncomingPasswordSet))
            throw Bad("Credentials Specified in Email Server Profile needs incomingusername and incomingpassword.");
        if ((CredentialRetrieval)profile.OutgoingCredentialRetrieval == CredentialRetrieval.EmailServerProfile
            && !profile.UseSameSettingsForOutgoingConnections
            && (string.IsNullOrWhiteSpace(profile.OutgoingUserName) || !profile.IsOutgoingPasswordSet))
            throw Bad("Credentials Specified in Email Server Profile needs outgoingusername and outgoingpassword (or usesamesettingsforoutgoingconnections).");
    }

    private static int DefaultIfUnset(int? port, int fallback) => port is null or 0 ? fallback : port.Value;

    private static ServerSyncException Bad(string message) => ServerSyncException.BadRequest(message);
}
