using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Email server profiles through the API: validation, defaults, write-only secrets, the default profile and rule 37.</summary>
public abstract class ProfileTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Imap_profile_gets_ports_and_keeps_its_password_secret()
    {
        var scenario = await Scenario.CreateAsync(server);
        var created = await scenario.Admin.CreateAsync("emailserverprofiles", new JsonObject
        {
            ["name"] = "Mail", ["servertype"] = 4, ["incomingcredentialretrieval"] = 1, ["outgoingcredentialretrieval"] = 1,
            ["incomingserverlocation"] = "imap.example.test", ["outgoingserverlocation"] = "smtp.example.test",
            ["incomingusername"] = "svc", ["incomingpassword"] = "very-secret-password",
        });
        Assert.Equal(993, created["incomingportnumber"]!.GetValue<int>());
        Assert.Equal(587, created["outgoingportnumber"]!.GetValue<int>());
        Assert.True(created["isincomingpasswordset"]!.GetValue<bool>());
        var id = created["emailserverprofileid"]!.GetValue<Guid>();
        var read = await scenario.Admin.GetAsync($"emailserverprofiles({id})");
        Assert.DoesNotContain("very-secret-password", read.ToJsonString());
        Assert.Null(read["incomingpassword"]);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Get, scenario.Admin.Data("emailserverprofiles?$filter=incomingpassword eq 'very-secret-password'"), null, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data($"emailserverprofiles({id})"),
            new JsonObject { ["isincomingpasswordset"] = false }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invalid_profiles_are_refused_and_nothing_is_stored()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        Assert.Contains("incomingserverlocation", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "No server", ["servertype"] = 4 }, HttpStatusCode.BadRequest));
        Assert.Contains("not supported on Exchange Online", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "EXO", ["servertype"] = 3, ["incomingcredentialretrieval"] = 1, ["outgoingcredentialretrieval"] = 1 }, HttpStatusCode.BadRequest));
        Assert.Contains("Exchange Online connection", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "EXO", ["servertype"] = 3 }, HttpStatusCode.BadRequest));
        Assert.Contains("servertype", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "Bad", ["servertype"] = 7 }, HttpStatusCode.BadRequest, "0x8004431a"));
        Assert.Contains("maxconcurrentconnections", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "Bad", ["servertype"] = 4, ["maxconcurrentconnections"] = 301 }, HttpStatusCode.BadRequest));
        Assert.Contains("Edm.Int32", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "Bad", ["servertype"] = "four" }, HttpStatusCode.BadRequest));
        Assert.Contains("colour", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "Bad", ["colour"] = "red" }, HttpStatusCode.BadRequest, "0x80060888"));
        Assert.Empty(await api.ListAsync("emailserverprofiles"));
    }

    [Fact]
    public async Task Cross_tenant_exchange_online_profile_with_oauth()
    {
        var scenario = await Scenario.CreateAsync(server);
        var created = await scenario.Admin.CreateAsync("emailserverprofiles", new JsonObject
        {
            ["name"] = "Other tenant", ["servertype"] = 3, ["incomingcredentialretrieval"] = 7, ["outgoingcredentialretrieval"] = 7,
            ["usedefaulttenantid"] = false, ["exchangeonlinetenantid"] = Guid.NewGuid().ToString(),
            ["oauthclientid"] = Guid.NewGuid().ToString(), ["oauthclientsecret"] = "cross-tenant-secret",
        });
        Assert.True(created["isoauthclientsecretset"]!.GetValue<bool>());
        Assert.True(created["useautodiscover"]!.GetValue<bool>());
        Assert.Equal(443, created["incomingportnumber"]!.GetValue<int>());
        Assert.DoesNotContain("cross-tenant-secret", created.ToJsonString());
    }

    [Fact]
    public async Task Default_server_location_can_be_pointed_at_the_china_endpoint()
    {
        var scenario = await Scenario.CreateAsync(server);
        var id = await scenario.CreateImapProfileAsync();
        await scenario.Admin.PatchAsync($"emailserverprofiles({id})", new JsonObject { ["defaultserverlocation"] = "https://partner.outlook.cn/EWS/Exchange.asmx" });
        var profile = await scenario.Admin.GetAsync($"emailserverprofiles({id})?$select=defaultserverlocation");
        Assert.Equal("https://partner.outlook.cn/EWS/Exchange.asmx", profile["defaultserverlocation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_type_cannot_change_and_stale_etag_is_412()
    {
        var scenario = await Scenario.CreateAsync(server);
        var id = await scenario.CreateImapProfileAsync();
        var api = scenario.Admin;
        Assert.Contains("servertype", await api.ExpectErrorAsync(HttpMethod.Patch, api.Data($"emailserverprofiles({id})"), new JsonObject { ["servertype"] = 1 }, HttpStatusCode.BadRequest));
        var etag = (await api.GetAsync($"emailserverprofiles({id})"))["@odata.etag"]!.GetValue<string>();
        await api.PatchAsync($"emailserverprofiles({id})", new JsonObject { ["description"] = "first" });
        var stale = await api.SendAsync(HttpMethod.Patch, api.Data($"emailserverprofiles({id})"), new JsonObject { ["description"] = "second" }, ("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var fresh = (await api.GetAsync($"emailserverprofiles({id})"))["@odata.etag"]!.GetValue<string>();
        Assert.NotEqual(etag, fresh);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Patch, api.Data($"emailserverprofiles({id})"), new JsonObject { ["description"] = "second" }, ("If-Match", fresh))).StatusCode);
        Assert.Equal("second", (await api.GetAsync($"emailserverprofiles({id})"))["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_profile_is_applied_to_new_mailboxes_and_deleting_it_unlinks()
    {
        var scenario = await Scenario.CreateAsync(server);
        var id = await scenario.CreateImapProfileAsync();
        await scenario.SetDefaultProfileAsync(id);
        var person = await scenario.AddPersonAsync();
        var mailbox = await scenario.MailboxAsync(person.MailboxId);
        Assert.Equal(id, mailbox["_emailserverprofile_value"]!.GetValue<Guid>());
        Assert.Equal(2, mailbox["actdeliverymethod"]!.GetValue<int>()); // IMAP profiles carry email only

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Admin.SendAsync(HttpMethod.Delete, scenario.Admin.Data($"emailserverprofiles({id})"))).StatusCode);
        Assert.Null((await scenario.MailboxAsync(person.MailboxId))["_emailserverprofile_value"]);
        Assert.Null((await scenario.Admin.ListAsync("organizations"))[0]!["_defaultemailserverprofileid_value"]);
    }

    [Fact]
    public async Task Creating_a_profile_needs_the_create_privilege()
    {
        var scenario = await Scenario.CreateAsync(server);
        var basic = await scenario.AddPersonAsync(null, "Basic User");
        var message = await basic.Api.ExpectErrorAsync(HttpMethod.Post, basic.Api.Data("emailserverprofiles"),
            new JsonObject { ["name"] = "x", ["servertype"] = 4 }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvCreateEmailServerProfile", message);
    }
}

public sealed class ProfileTestsOnSqlite(SqliteServer server) : ProfileTests<SqliteServer>(server);
public sealed class ProfileTestsOnPostgres(PostgresServer server) : ProfileTests<PostgresServer>(server);
