using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Tests.Email;

/// <summary>Profile validation per server type and credential type (sections 1.2, 2.4, 4) and port defaults.</summary>
public sealed class ProfileRulesTests
{
    private static EmailServerProfile Imap(CredentialRetrieval credentials = CredentialRetrieval.UserOrQueue) => new()
    {
        Name = "IMAP", ServerType = (int)ServerType.ImapSmtp,
        IncomingCredentialRetrieval = (int)credentials, OutgoingCredentialRetrieval = (int)credentials,
        IncomingServerLocation = "imap.example.test", OutgoingServerLocation = "smtp.example.test",
    };

    private static EmailServerProfile ExchangeOnline(CredentialRetrieval credentials) => new()
    {
        Name = "EXO", ServerType = (int)ServerType.ExchangeOnline, UseAutoDiscover = true,
        IncomingCredentialRetrieval = (int)credentials, OutgoingCredentialRetrieval = (int)credentials,
    };

    private static string Refusal(EmailServerProfile profile, bool connected = true) =>
        Assert.Throws<ServerSyncException>(() => ProfileRules.Validate(profile, connected)).Message;

    [Theory]
    [InlineData(ServerType.ImapSmtp, true, true, 993, 587)]
    [InlineData(ServerType.ImapSmtp, false, false, 143, 25)]
    [InlineData(ServerType.Other, true, true, 995, 587)]
    [InlineData(ServerType.Other, false, false, 110, 25)]
    [InlineData(ServerType.ExchangeOnline, true, true, 443, 443)]
    [InlineData(ServerType.ExchangeServerHybrid, true, true, 443, 443)]
    public void Ports_are_filled_from_type_and_tls(ServerType type, bool incomingSsl, bool outgoingSsl, int incoming, int outgoing)
    {
        var profile = new EmailServerProfile { ServerType = (int)type, IncomingUseSsl = incomingSsl, OutgoingUseSsl = outgoingSsl };
        ProfileRules.ApplyDefaults(profile, ExchangeCloud.Global);
        Assert.Equal(incoming, profile.IncomingPortNumber);
        Assert.Equal(outgoing, profile.OutgoingPortNumber);
    }

    [Fact]
    public void Explicit_ports_are_kept()
    {
        var profile = Imap();
        profile.IncomingPortNumber = 20007;
        ProfileRules.ApplyDefaults(profile, ExchangeCloud.Global);
        Assert.Equal(20007, profile.IncomingPortNumber);
    }

    [Theory]
    [InlineData(ExchangeCloud.Global, "https://outlook.office365.com/EWS/Exchange.asmx")]
    [InlineData(ExchangeCloud.China, "https://partner.outlook.cn/EWS/Exchange.asmx")]
    [InlineData(ExchangeCloud.UsGovernment, "https://outlook.office365.us/EWS/Exchange.asmx")]
    public void Exchange_online_location_follows_the_cloud(ExchangeCloud cloud, string expected)
    {
        var profile = ExchangeOnline(CredentialRetrieval.ServerToServer);
        ProfileRules.ApplyDefaults(profile, cloud);
        Assert.Equal(expected, profile.DefaultServerLocation);
    }

    [Fact]
    public void Exchange_online_server_to_server_is_valid_when_the_tenant_is_connected()
    {
        ProfileRules.Validate(ExchangeOnline(CredentialRetrieval.ServerToServer), tenantHasExchangeOnlineConnection: true);
        Assert.Contains("Exchange Online connection", Refusal(ExchangeOnline(CredentialRetrieval.ServerToServer), connected: false));
    }

    [Theory]
    [InlineData(CredentialRetrieval.UserOrQueue)]
    [InlineData(CredentialRetrieval.EmailServerProfile)]
    [InlineData(CredentialRetrieval.WindowsIntegrated)]
    [InlineData(CredentialRetrieval.Anonymous)]
    [InlineData(CredentialRetrieval.GmailOAuth)]
    [InlineData(CredentialRetrieval.ExchangeHybridModernAuth)]
    public void Exchange_online_refuses_other_authentication(CredentialRetrieval credentials)
    {
        Assert.Contains("not supported on Exchange Online", Refusal(ExchangeOnline(credentials)));
    }

    [Fact]
    public void Exchange_online_refuses_impersonation_and_autodiscover_off()
    {
        var impersonating = ExchangeOnline(CredentialRetrieval.ServerToServer);
        impersonating.IncomingUseImpersonation = true;
        Assert.Contains("Impersonation", Refusal(impersonating));
        var noAutodiscover = ExchangeOnline(CredentialRetrieval.ServerToServer);
        noAutodiscover.UseAutoDiscover = false;
        Assert.Contains("useautodiscover", Refusal(noAutodiscover));
    }

    [Fact]
    public void Cross_tenant_oauth_needs_tenant_client_and_secret()
    {
        var profile = ExchangeOnline(CredentialRetrieval.AzureActiveDirectoryOAuth);
        Assert.Contains("usedefaulttenantid", Refusal(profile));
        profile.UseDefaultTenantId = false;
        profile.ExchangeOnlineTenantId = Guid.NewGuid().ToString();
        Assert.Contains("oauthclientid", Refusal(profile));
        profile.OAuthClientId = Guid.NewGuid().ToString();
        Assert.Contains("oauthclientsecret", Refusal(profile));
        profile.IsOAuthClientSecretSet = true;
        ProfileRules.Validate(profile, tenantHasExchangeOnlineConnection: false);
    }

    [Fact]
    public void Imap_needs_both_server_locations()
    {
        var profile = Imap();
        profile.IncomingServerLocation = null;
        Assert.Contains("incomingserverlocation", Refusal(profile));
        profile = Imap();
        profile.OutgoingServerLocation = " ";
        Assert.Contains("outgoingserverlocation", Refusal(profile));
    }

    [Theory]
    [InlineData(CredentialRetrieval.ServerToServer)]
    [InlineData(CredentialRetrieval.Anonymous)]
    [InlineData(CredentialRetrieval.WindowsIntegrated)]
    [InlineData(CredentialRetrieval.AzureActiveDirectoryOAuth)]
    public void Imap_refuses_exchange_style_authentication(CredentialRetrieval credentials)
    {
        Assert.Contains("not supported on IMAP/SMTP", Refusal(Imap(credentials)));
    }

    [Fact]
    public void Credentials_in_profile_need_user_name_and_password()
    {
        var profile = Imap(CredentialRetrieval.EmailServerProfile);
        Assert.Contains("incomingusername", Refusal(profile));
        profile.IncomingUserName = "svc";
        profile.IsIncomingPasswordSet = true;
        ProfileRules.Validate(profile, false);
        profile.UseSameSettingsForOutgoingConnections = false;
        Assert.Contains("outgoingusername", Refusal(profile));
    }

    [Fact]
    public void Pop3_profile_is_validated_like_imap()
    {
        var profile = Imap();
        profile.ServerType = (int)ServerType.Other;
        ProfileRules.Validate(profile, false);
        profile.IncomingServerLocation = null;
        Assert.Contains("POP3 server", Refusal(profile));
    }

    [Fact]
    public void Exchange_server_needs_autodiscover_or_ews_url_and_profile_credentials()
    {
        var profile = new EmailServerProfile
        {
            ServerType = (int)ServerType.ExchangeServerHybrid,
            IncomingCredentialRetrieval = (int)CredentialRetrieval.EmailServerProfile,
            OutgoingCredentialRetrieval = (int)CredentialRetrieval.EmailServerProfile,
        };
        Assert.Contains("EWS URL", Refusal(profile));
        profile.IncomingServerLocation = "https://mail.example.test/EWS/Exchange.asmx";
        Assert.Contains("incomingusername", Refusal(profile));
        profile.IncomingUserName = "svc";
        profile.IsIncomingPasswordSet = true;
        ProfileRules.Validate(profile, false);
    }

    [Fact]
    public void Server_type_is_fixed_after_creation()
    {
        ProfileRules.EnsureTypeUnchanged(1, 1);
        var e = Assert.Throws<ServerSyncException>(() => ProfileRules.EnsureTypeUnchanged((int)ServerType.Other, (int)ServerType.ImapSmtp));
        Assert.Contains("servertype", e.Message);
    }
}
