using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>
/// Rule 24 end to end, one case per cell: an approver holding exactly that column's roles tries to
/// approve a queue mailbox in an environment and on a profile of that row. n/a cells expect the
/// documented fallback (System Administrator decides by the "System admin" column; anyone else can't).
/// </summary>
public abstract class PermissionTableTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    public static TheoryData<string, bool, string, bool> Cells()
    {
        var data = new TheoryData<string, bool, string, bool>();
        // column → expected per row: (online, EXO), (online, on-prem), (on-prem, EXO), (on-prem, on-prem)
        var table = new Dictionary<string, bool[]>
        {
            ["GA+SA"] = [true, true, true, true],
            ["EA+SA"] = [true, true, true, true],
            ["DMA+SA"] = [true, true, true, true],
            ["SA"] = [false, true, true, true],
            ["Service admin"] = [false, false, false, false],
            ["EA"] = [false, false, false, false],
            ["GA"] = [false, false, false, false],
        };
        var rows = new[] { ("online", true), ("online", false), ("onpremises", true), ("onpremises", false) };
        foreach (var (column, expected) in table)
            for (var i = 0; i < rows.Length; i++)
                data.Add(rows[i].Item1, rows[i].Item2, column, expected[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Approver_of_a_column_in_a_row(string deployment, bool exchangeOnline, string column, bool allowed)
    {
        var scenario = await Scenario.CreateAsync(server, deployment, exchangeOnline: true);
        var profile = exchangeOnline
            ? (await scenario.Admin.ListAsync("emailserverprofiles?$filter=servertype eq 3"))[0]!["emailserverprofileid"]!.GetValue<Guid>()
            : await scenario.CreateImapProfileAsync();
        var (_, mailbox) = await scenario.CreateQueueAsync();
        await scenario.Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})" });

        var approver = column switch
        {
            "GA+SA" => await scenario.AddPersonAsync(["GlobalAdministrator"], "System Administrator"),
            "EA+SA" => await scenario.AddPersonAsync(["ExchangeAdministrator"], "System Administrator"),
            "DMA+SA" => await scenario.AddPersonAsync(null, "System Administrator", "Delegated Mailbox Approver"),
            "SA" => await scenario.AddPersonAsync(null, "System Administrator"),
            "Service admin" => await scenario.AddPersonAsync(["ServiceAdministrator"], "Basic User"),
            "EA" => await scenario.AddPersonAsync(["ExchangeAdministrator"], "Basic User"),
            _ => await scenario.AddPersonAsync(["GlobalAdministrator"], "Basic User"),
        };
        // Basic User reaches only its own mailbox; the no-SA columns get Write on all mailboxes so only approval rules decide.
        if (!column.Contains("SA")) await GrantMailboxWriteAsync(scenario, approver);

        var response = await approver.Api.SendAsync(HttpMethod.Patch, approver.Api.Data($"mailboxes({mailbox})"), new JsonObject { ["emailrouteraccessapproval"] = 1 });
        Assert.Equal(allowed ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 2, (await scenario.MailboxAsync(mailbox))["emailrouteraccessapproval"]!.GetValue<int>());
    }

    private static async Task GrantMailboxWriteAsync(Scenario scenario, Person person)
    {
        var role = await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = $"Mailbox editors {Guid.NewGuid():N}" });
        var privileges = await scenario.Admin.ListAsync("privileges?$filter=name eq 'prvWriteMailbox' or name eq 'prvReadMailbox' or name eq 'prvApproveRejectEmailAddress'");
        var grants = new JsonArray(privileges.Select(p => (JsonNode)new JsonObject { ["PrivilegeId"] = p!["privilegeid"]!.GetValue<Guid>(), ["Depth"] = "Global" }).ToArray());
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"roles({role["roleid"]})/Microsoft.Dynamics.CRM.AddPrivilegesRole"), new JsonObject { ["Privileges"] = grants }));
        await scenario.GiveRoleAsync(scenario.Admin, person.SystemUserId, role["name"]!.GetValue<string>());
    }
}

public sealed class PermissionTableTestsOnSqlite(SqliteServer server) : PermissionTableTests<SqliteServer>(server);
public sealed class PermissionTableTestsOnPostgres(PostgresServer server) : PermissionTableTests<PostgresServer>(server);
