using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>No escalation through role assignment or team membership: nobody gives privileges they don't hold themselves.</summary>
public abstract class EscalationTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static readonly string[] ManagerPrivileges =
        ["prvReadUser", "prvWriteUser", "prvAppendUser", "prvAppendToUser", "prvReadTeam", "prvWriteTeam", "prvAppendTeam", "prvAppendToTeam", "prvReadRole", "prvAppendToRole"];

    private static async Task<Guid> PrivilegeAsync(Scenario scenario, string name) =>
        (await scenario.Admin.ListAsync($"privileges?$filter=name eq '{name}'"))[0]!["privilegeid"]!.GetValue<Guid>();

    /// <summary>A custom role holding the named privileges, each at its depth.</summary>
    private static async Task<Guid> RoleAsync(Scenario scenario, string name, params (string Privilege, string Depth)[] grants)
    {
        var role = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = name }))["roleid"]!.GetValue<Guid>();
        var items = new JsonArray();
        foreach (var (privilege, depth) in grants) items.Add(new JsonObject { ["PrivilegeId"] = await PrivilegeAsync(scenario, privilege), ["Depth"] = depth });
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"), new JsonObject { ["Privileges"] = items }));
        return role;
    }

    /// <summary>A user who manages users and teams (write, append) but holds nothing else.</summary>
    private static async Task<Person> UserManagerAsync(Scenario scenario)
    {
        await RoleAsync(scenario, "User managers", ManagerPrivileges.Select(p => (p, "Global")).ToArray());
        return await scenario.AddPersonAsync(null, "User managers");
    }

    private static async Task<Guid> TeamAsync(Scenario scenario, string name, Guid role)
    {
        var team = (await scenario.Admin.CreateAsync("teams", new JsonObject { ["name"] = name }))["teamid"]!.GetValue<Guid>();
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"teams({team})/teamroles_association/$ref"), new JsonObject { ["@odata.id"] = $"roles({role})" }));
        return team;
    }

    [Fact]
    public async Task Joining_a_team_that_holds_system_administrator_is_refused_to_a_user_manager()
    {
        var scenario = await Scenario.CreateAsync(server);
        var manager = await UserManagerAsync(scenario);
        var admins = await TeamAsync(scenario, "Admins", await scenario.RoleIdAsync("System Administrator"));

        await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"systemusers({manager.SystemUserId})/teammembership_association/$ref"),
            new JsonObject { ["@odata.id"] = $"teams({admins})" }, HttpStatusCode.Forbidden, "0x80040220");
        await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"teams({admins})/teammembership_association/$ref"),
            new JsonObject { ["@odata.id"] = $"systemusers({manager.SystemUserId})" }, HttpStatusCode.Forbidden, "0x80040220");

        Assert.Empty(await scenario.Admin.ListAsync($"teams({admins})/teammembership_association"));
        await manager.Api.ExpectErrorAsync(HttpMethod.Get, manager.Api.Data("emailserverprofiles"), null, HttpStatusCode.Forbidden);
        // A System Administrator may still put people in that team.
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"teams({admins})/teammembership_association/$ref"), new JsonObject { ["@odata.id"] = $"systemusers({manager.SystemUserId})" }));
    }

    [Fact]
    public async Task Joining_a_team_is_allowed_only_within_the_privileges_the_caller_holds()
    {
        var scenario = await Scenario.CreateAsync(server);
        var manager = await UserManagerAsync(scenario);
        var approvers = await TeamAsync(scenario, "Approvers", await RoleAsync(scenario, "Approve", ("prvApproveRejectEmailAddress", "Global"), ("prvReadMailbox", "Global")));
        var readers = await TeamAsync(scenario, "Readers", await RoleAsync(scenario, "Read users", ("prvReadUser", "Global"), ("prvReadTeam", "Global")));
        var other = await scenario.AddPersonAsync();

        var message = await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"teams({approvers})/teammembership_association/$ref"),
            new JsonObject { ["@odata.id"] = $"systemusers({other.SystemUserId})" }, HttpStatusCode.Forbidden);
        Assert.Contains("prvApproveRejectEmailAddress (Global)", message);
        Assert.Contains("prvReadMailbox (Global)", message);
        Assert.Empty(await scenario.Admin.ListAsync($"teams({approvers})/teammembership_association"));

        await Api.ExpectAsync(HttpStatusCode.NoContent, await manager.Api.SendAsync(HttpMethod.Post,
            manager.Api.Data($"systemusers({other.SystemUserId})/teammembership_association/$ref"), new JsonObject { ["@odata.id"] = $"teams({readers})" }));
        Assert.Single(await scenario.Admin.ListAsync($"teams({readers})/teammembership_association"));
        // Leaving gives nothing, so it needs no more than managing the team.
        await Api.ExpectAsync(HttpStatusCode.NoContent, await manager.Api.SendAsync(HttpMethod.Delete,
            manager.Api.Data($"teams({readers})/teammembership_association({other.SystemUserId})/$ref")));
    }

    [Fact]
    public async Task A_role_with_privileges_the_caller_lacks_is_not_given_to_a_user_or_team()
    {
        var scenario = await Scenario.CreateAsync(server);
        var manager = await UserManagerAsync(scenario);
        var approve = await RoleAsync(scenario, "Approve", ("prvApproveRejectEmailAddress", "Global"), ("prvReadMailbox", "Global"));
        var mailboxWriters = await RoleAsync(scenario, "Mailbox writers", ("prvReadUser", "Global"), ("prvWriteMailbox", "Basic"));
        var team = (await scenario.Admin.CreateAsync("teams", new JsonObject { ["name"] = "Team" }))["teamid"]!.GetValue<Guid>();

        var message = await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"systemusers({manager.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({approve})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvApproveRejectEmailAddress (Global)", message);
        await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"teams({team})/teamroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({approve})" }, HttpStatusCode.Forbidden, "0x80040220");
        await manager.Api.ExpectErrorAsync(HttpMethod.Post, manager.Api.Data($"systemusers({manager.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({mailboxWriters})" }, HttpStatusCode.Forbidden);
        Assert.Single(await scenario.Admin.ListAsync($"systemusers({manager.SystemUserId})/systemuserroles_association"));
        Assert.Empty(await scenario.Admin.ListAsync($"teams({team})/teamroles_association"));
        await manager.Api.ExpectErrorAsync(HttpMethod.Get, manager.Api.Data("mailboxes"), null, HttpStatusCode.Forbidden);

        // A role within the caller's own privileges can be given; a deeper depth held by the caller covers a shallower one.
        var within = await RoleAsync(scenario, "Within", ("prvReadUser", "Global"), ("prvReadTeam", "Global"));
        await Api.ExpectAsync(HttpStatusCode.NoContent, await manager.Api.SendAsync(HttpMethod.Post,
            manager.Api.Data($"teams({team})/teamroles_association/$ref"), new JsonObject { ["@odata.id"] = $"roles({within})" }));
    }
}

public sealed class EscalationTestsOnSqlite(SqliteServer server) : EscalationTests<SqliteServer>(server);
public sealed class EscalationTestsOnPostgres(PostgresServer server) : EscalationTests<PostgresServer>(server);
