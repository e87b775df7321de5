using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The admin center's own read endpoint: rule 18 (is Approve email shown) for the bearer caller, and only inside the caller's environments.</summary>
public abstract class AdminCenterApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static string MailboxCommands(string environment) => $"/api/ui/environments/{environment}/mailbox-commands";

    [Fact]
    public async Task Mailbox_commands_answer_rule_18_for_the_caller()
    {
        var scenario = await Scenario.CreateAsync(server);
        var plain = await scenario.AddPersonAsync(null, "Basic User");
        Assert.True(await ApproveEmailAsync(scenario.Admin, scenario.Environment));
        Assert.False(await ApproveEmailAsync(plain.Api, scenario.Environment));

        await scenario.Admin.PatchAsync($"organizations({await scenario.OrganizationIdAsync()})", new JsonObject
        {
            ["orgdborgsettings"] = "<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>true</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>",
        });
        Assert.True(await ApproveEmailAsync(plain.Api, scenario.Environment));
    }

    [Fact]
    public async Task Mailbox_commands_refuse_a_caller_who_is_no_user_of_the_environment_and_an_anonymous_one()
    {
        var a = await Scenario.CreateAsync(server);
        var b = await Scenario.CreateAsync(server);
        var person = await a.AddPersonAsync(null, "System Administrator");
        var message = await person.Api.ExpectErrorAsync(HttpMethod.Get, MailboxCommands(b.Environment), null, HttpStatusCode.Forbidden, "0x8004d24b");
        Assert.Contains(b.Environment, message);
        await person.Api.ExpectErrorAsync(HttpMethod.Get, MailboxCommands("no-such-environment"), null, HttpStatusCode.NotFound);

        var anonymous = await server.CreateClient().GetAsync(MailboxCommands(a.Environment));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<bool> ApproveEmailAsync(Api caller, string environment) =>
        (await Api.ExpectAsync(HttpStatusCode.OK, await caller.SendAsync(HttpMethod.Get, MailboxCommands(environment))))!["approveEmail"]!.GetValue<bool>();
}

public sealed class AdminCenterApiTestsOnSqlite(SqliteServer server) : AdminCenterApiTests<SqliteServer>(server);
public sealed class AdminCenterApiTestsOnPostgres(PostgresServer server) : AdminCenterApiTests<PostgresServer>(server);
