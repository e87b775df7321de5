using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Every column that holds an email address, and the directory's user names, take only name@domain.</summary>
public abstract class EmailAddressValidationTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    public static TheoryData<string> BadAddresses => new()
    {
        "support@example.test\r\nBcc: victim@example.test", "support\n@example.test", "no-at-sign.example.test", "@example.test", "support@",
        "Support <support@example.test>", "two words@example.test", "tab\t@example.test",
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task A_bad_address_is_refused_in_every_address_column_and_changes_nothing(string bad)
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        var (queue, queueMailbox) = await scenario.CreateQueueAsync("kept@example.test");
        var contact = (await api.CreateAsync("contacts", new JsonObject { ["lastname"] = "Lee", ["emailaddress1"] = "dana@example.test" }))["contactid"]!.GetValue<Guid>();
        var account = (await api.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso" }))["accountid"]!.GetValue<Guid>();
        var lead = (await api.CreateAsync("leads", new JsonObject { ["lastname"] = "Lee", ["subject"] = "Interest" }))["leadid"]!.GetValue<Guid>();
        var user = (await api.ListAsync("systemusers?$select=systemuserid&$top=1"))[0]!["systemuserid"]!.GetValue<Guid>();
        var profile = await scenario.CreateImapProfileAsync();

        async Task RefusedAsync(HttpMethod method, string path, JsonObject body, string column)
        {
            var message = await api.ExpectErrorAsync(method, api.Data(path), body, HttpStatusCode.BadRequest, "0x80040203");
            Assert.Contains(column, message);
            Assert.Contains("email address", message);
        }
        await RefusedAsync(HttpMethod.Post, "queues", new JsonObject { ["name"] = "Bad", ["emailaddress"] = bad }, "emailaddress");
        await RefusedAsync(HttpMethod.Patch, $"queues({queue})", new JsonObject { ["emailaddress"] = bad }, "emailaddress");
        await RefusedAsync(HttpMethod.Patch, $"mailboxes({queueMailbox})", new JsonObject { ["emailaddress"] = bad }, "emailaddress");
        await RefusedAsync(HttpMethod.Patch, $"systemusers({user})", new JsonObject { ["internalemailaddress"] = bad }, "internalemailaddress");
        foreach (var column in new[] { "emailaddress1", "emailaddress2", "emailaddress3" })
        {
            await RefusedAsync(HttpMethod.Patch, $"contacts({contact})", new JsonObject { [column] = bad }, column);
            await RefusedAsync(HttpMethod.Patch, $"accounts({account})", new JsonObject { [column] = bad }, column);
            await RefusedAsync(HttpMethod.Patch, $"leads({lead})", new JsonObject { [column] = bad }, column);
        }
        await RefusedAsync(HttpMethod.Patch, $"emailserverprofiles({profile})", new JsonObject { ["owneremailaddress"] = bad }, "owneremailaddress");
        await RefusedAsync(HttpMethod.Post, "emails", new JsonObject
        {
            ["subject"] = "Header injection",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = bad }),
        }, "addressused");

        Assert.Equal("kept@example.test", (await api.GetAsync($"queues({queue})"))["emailaddress"]!.GetValue<string>());
        Assert.Equal("kept@example.test", (await scenario.MailboxAsync(queueMailbox))["emailaddress"]!.GetValue<string>());
        Assert.Equal("dana@example.test", (await api.GetAsync($"contacts({contact})"))["emailaddress1"]!.GetValue<string>());
        Assert.Empty(await api.ListAsync("queues?$filter=name eq 'Bad'"));
        Assert.Empty(await api.ListAsync("emails?$filter=subject eq 'Header injection'"));

        var upn = await api.ExpectErrorAsync(HttpMethod.Post, "/api/admin/users", new JsonObject { ["userPrincipalName"] = bad, ["password"] = Scenario.PersonPassword }, HttpStatusCode.BadRequest);
        Assert.Contains("userPrincipalName", upn);
    }

    [Fact]
    public async Task Good_addresses_and_clearing_an_address_are_accepted()
    {
        var scenario = await Scenario.CreateAsync(server);
        var (queue, _) = await scenario.CreateQueueAsync("support@example.test");
        foreach (var good in new[] { "first.last+tag@sub.example.test", "o'brien@example.test", "x@localhost" })
        {
            await scenario.Admin.PatchAsync($"queues({queue})", new JsonObject { ["emailaddress"] = good });
            Assert.Equal(good, (await scenario.Admin.GetAsync($"queues({queue})"))["emailaddress"]!.GetValue<string>());
        }
        var contact = (await scenario.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Lee", ["emailaddress1"] = "dana@example.test" }))["contactid"]!.GetValue<Guid>();
        await scenario.Admin.PatchAsync($"contacts({contact})", new JsonObject { ["emailaddress1"] = null });
        Assert.Null((await scenario.Admin.GetAsync($"contacts({contact})"))["emailaddress1"]);
    }
}

public sealed class EmailAddressValidationTestsOnSqlite(SqliteServer server) : EmailAddressValidationTests<SqliteServer>(server);
public sealed class EmailAddressValidationTestsOnPostgres(PostgresServer server) : EmailAddressValidationTests<PostgresServer>(server);
