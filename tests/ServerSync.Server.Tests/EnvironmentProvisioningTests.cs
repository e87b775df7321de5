using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>What a new environment starts with, and the Exchange Online profile of rule 8.</summary>
public abstract class EnvironmentProvisioningTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task New_environment_has_org_defaults_roles_and_its_creator_as_system_administrator()
    {
        var scenario = await Scenario.CreateAsync(server);
        var org = Assert.Single(await scenario.Admin.ListAsync("organizations"))!;
        Assert.True(org["requireapprovalforuseremail"]!.GetValue<bool>());
        Assert.True(org["requireapprovalforqueueemail"]!.GetValue<bool>());
        Assert.Equal(0, org["emailconnectionchannel"]!.GetValue<int>());
        Assert.Contains("<IncomingEmailDeliveryMethod>2</IncomingEmailDeliveryMethod>", org["defaultemailsettings"]!.GetValue<string>());

        var roles = (await scenario.Admin.ListAsync("roles?$select=name")).Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("System Administrator", roles);
        Assert.Contains("Delegated Mailbox Approver", roles);
        Assert.Single(await scenario.Admin.ListAsync("businessunits"));

        var me = await scenario.Admin.GetAsync("WhoAmI");
        var myRoles = await scenario.Admin.ListAsync($"systemusers({me["UserId"]})/systemuserroles_association");
        Assert.Equal("System Administrator", Assert.Single(myRoles)!["name"]!.GetValue<string>());
        var mailboxes = await scenario.Admin.ListAsync($"mailboxes?$filter=_regardingobjectid_value eq {me["UserId"]}");
        Assert.Equal(ServerFixture.AdminUpn, Assert.Single(mailboxes)!["emailaddress"]!.GetValue<string>());
        Assert.Empty(await scenario.Admin.ListAsync("emailserverprofiles"));
    }

    [Fact]
    public async Task Invalid_environment_requests_are_refused()
    {
        var admin = await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        await admin.ExpectErrorAsync(HttpMethod.Post, "/api/admin/environments", new JsonObject { ["name"] = "Bad Name!" }, HttpStatusCode.BadRequest);
        await admin.ExpectErrorAsync(HttpMethod.Post, "/api/admin/environments", new JsonObject { ["name"] = "api" }, HttpStatusCode.BadRequest);
        await admin.ExpectErrorAsync(HttpMethod.Post, "/api/admin/environments", new JsonObject { ["name"] = "fine-name", ["deploymentModel"] = "cloudy" }, HttpStatusCode.BadRequest);
        var scenario = await Scenario.CreateAsync(server);
        await admin.ExpectErrorAsync(HttpMethod.Post, "/api/admin/environments", new JsonObject { ["name"] = scenario.Environment }, HttpStatusCode.Conflict);
        await admin.ExpectErrorAsync(HttpMethod.Get, "/no-such-env/api/data/v9.2/mailboxes", null, HttpStatusCode.NotFound);
    }
}

public sealed class EnvironmentProvisioningTestsOnSqlite(SqliteServer server) : EnvironmentProvisioningTests<SqliteServer>(server);
public sealed class EnvironmentProvisioningTestsOnPostgres(PostgresServer server) : EnvironmentProvisioningTests<PostgresServer>(server);

/// <summary>Rule 8: the tenant's Exchange Online connection and the "Microsoft Exchange Online" profile (its own server: the connection is tenant-wide).</summary>
public abstract class ExchangeOnlineConnectionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Exchange_online_connection_gives_each_environment_the_default_profile_once()
    {
        var before = await Scenario.CreateAsync(server);
        await Scenario.ConnectExchangeOnlineAsync(before.Admin);
        await Scenario.ConnectExchangeOnlineAsync(before.Admin); // saving again adds nothing
        var after = await Scenario.CreateAsync(server);

        foreach (var scenario in new[] { before, after })
        {
            var profile = Assert.Single(await scenario.Admin.ListAsync("emailserverprofiles"))!;
            Assert.Equal("Microsoft Exchange Online", profile["name"]!.GetValue<string>());
            Assert.Equal(3, profile["servertype"]!.GetValue<int>());
            Assert.Equal(2, profile["incomingcredentialretrieval"]!.GetValue<int>());
            Assert.Equal("https://outlook.office365.com/EWS/Exchange.asmx", profile["defaultserverlocation"]!.GetValue<string>());
            var org = (await scenario.Admin.ListAsync("organizations"))[0]!;
            Assert.Equal(profile["emailserverprofileid"]!.GetValue<Guid>(), org["_defaultemailserverprofileid_value"]!.GetValue<Guid>());
        }
        // New users of the later environment get that profile on their mailbox (rule 10-11).
        var person = await after.AddPersonAsync();
        var mailbox = await after.MailboxAsync(person.MailboxId);
        Assert.Equal(2, mailbox["incomingemaildeliverymethod"]!.GetValue<int>());
        Assert.Equal(2, mailbox["outgoingemaildeliverymethod"]!.GetValue<int>());
        Assert.Equal(1, mailbox["actdeliverymethod"]!.GetValue<int>());
        Assert.NotNull(mailbox["_emailserverprofile_value"]);

        var connection = await after.Admin.AdminAsync(HttpMethod.Get, "/api/admin/exchange-online", null, HttpStatusCode.OK);
        Assert.True(connection["isClientSecretSet"]!.GetValue<bool>());
        Assert.DoesNotContain("tenant-secret-value", connection.ToJsonString());
    }
}

public sealed class ExchangeOnlineConnectionTestsOnSqlite(SqliteServer server) : ExchangeOnlineConnectionTests<SqliteServer>(server);
public sealed class ExchangeOnlineConnectionTestsOnPostgres(PostgresServer server) : ExchangeOnlineConnectionTests<PostgresServer>(server);
