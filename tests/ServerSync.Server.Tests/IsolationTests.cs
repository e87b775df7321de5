using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Environments are isolated: nothing of one can be read, changed or referenced through another.</summary>
public abstract class IsolationTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Rows_of_another_environment_are_invisible_and_untouchable()
    {
        var a = await Scenario.CreateAsync(server);
        var b = await Scenario.CreateAsync(server);
        var profileB = await b.CreateImapProfileAsync();
        var (queueB, mailboxB) = await b.CreateQueueAsync();
        var api = a.Admin; // System Administrator of A, also of B: the URL alone decides the environment

        await api.ExpectErrorAsync(HttpMethod.Get, api.Data($"mailboxes({mailboxB})"), null, HttpStatusCode.NotFound);
        await api.ExpectErrorAsync(HttpMethod.Patch, api.Data($"emailserverprofiles({profileB})"), new JsonObject { ["name"] = "hijack" }, HttpStatusCode.NotFound);
        await api.ExpectErrorAsync(HttpMethod.Delete, api.Data($"queues({queueB})"), null, HttpStatusCode.NotFound);
        Assert.DoesNotContain(await api.ListAsync("mailboxes?$select=mailboxid"), m => m!["mailboxid"]!.GetValue<Guid>() == mailboxB);

        // A lookup can't point at a row of another environment.
        var orgA = await a.OrganizationIdAsync();
        Assert.Contains("Does Not Exist", await api.ExpectErrorAsync(HttpMethod.Patch, api.Data($"organizations({orgA})"),
            new JsonObject { ["defaultemailserverprofileid@odata.bind"] = $"/emailserverprofiles({profileB})" }, HttpStatusCode.BadRequest));
        var bulk = await api.PostActionAsync("ApproveEmailAddresses", new JsonObject { ["MailboxIds"] = new JsonArray(mailboxB) });
        Assert.False(bulk["Results"]![0]!["Succeeded"]!.GetValue<bool>());
        Assert.Equal(2, (await b.MailboxAsync(mailboxB))["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.Equal("IMAP", (await b.Admin.GetAsync($"emailserverprofiles({profileB})"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_of_one_environment_has_no_access_to_another()
    {
        var a = await Scenario.CreateAsync(server);
        var b = await Scenario.CreateAsync(server);
        var person = await a.AddPersonAsync(null, "System Administrator");
        var message = await person.Api.In(b.Environment).ExpectErrorAsync(HttpMethod.Get, person.Api.In(b.Environment).Data("mailboxes"), null, HttpStatusCode.Forbidden);
        Assert.Contains(b.Environment, message);
    }
}

public sealed class IsolationTestsOnSqlite(SqliteServer server) : IsolationTests<SqliteServer>(server);
public sealed class IsolationTestsOnPostgres(PostgresServer server) : IsolationTests<PostgresServer>(server);
