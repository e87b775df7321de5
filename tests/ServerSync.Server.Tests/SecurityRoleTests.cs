using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Roles and privileges the Dataverse way: AddPrivilegesRole, RemovePrivilegeRole, $ref associations, teams.</summary>
public abstract class SecurityRoleTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static async Task<Guid> PrivilegeAsync(Scenario scenario, string name) =>
        (await scenario.Admin.ListAsync($"privileges?$filter=name eq '{name}'"))[0]!["privilegeid"]!.GetValue<Guid>();

    private static Task<HttpResponseMessage> AddPrivilegeAsync(Api api, Guid role, Guid privilege, string depth) =>
        api.SendAsync(HttpMethod.Post, api.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = privilege, ["Depth"] = depth }) });

    [Fact]
    public async Task Privileges_added_and_removed_change_what_the_user_may_do()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("queues"), null, HttpStatusCode.Forbidden, "0x80040220");

        var role = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = "Queue readers" }))["roleid"]!.GetValue<Guid>();
        var readQueue = await PrivilegeAsync(scenario, "prvReadQueue");
        await Api.ExpectAsync(HttpStatusCode.NoContent, await AddPrivilegeAsync(scenario.Admin, role, readQueue, "Global"));
        await scenario.GiveRoleAsync(scenario.Admin, person.SystemUserId, "Queue readers");
        await scenario.CreateQueueAsync();
        Assert.Single(await person.Api.ListAsync("queues"));

        var retrieved = await scenario.Admin.GetAsync($"RetrieveRolePrivilegesRole(RoleId={role})");
        var grant = Assert.Single(retrieved["RolePrivileges"]!.AsArray())!;
        Assert.Equal("Global", grant["Depth"]!.GetValue<string>());
        Assert.Equal("prvReadQueue", grant["PrivilegeName"]!.GetValue<string>());

        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.RemovePrivilegeRole"), new JsonObject { ["PrivilegeId"] = readQueue }));
        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("queues"), null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Depth_limits_and_bad_requests_on_role_privileges()
    {
        var scenario = await Scenario.CreateAsync(server);
        var role = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = "Custom" }))["roleid"]!.GetValue<Guid>();
        var readOrg = await PrivilegeAsync(scenario, "prvReadOrganization");
        var readMailbox = await PrivilegeAsync(scenario, "prvReadMailbox");
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = readOrg, ["Depth"] = "Basic" }) }, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = readMailbox, ["Depth"] = "Everywhere" }) }, HttpStatusCode.BadRequest);
        Assert.Empty((await scenario.Admin.GetAsync($"RetrieveRolePrivilegesRole(RoleId={role})"))["RolePrivileges"]!.AsArray());

        var systemAdministrator = await scenario.RoleIdAsync("System Administrator");
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data($"roles({systemAdministrator})/Microsoft.Dynamics.CRM.RemovePrivilegeRole"),
            new JsonObject { ["PrivilegeId"] = readMailbox }, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Delete, scenario.Admin.Data($"roles({systemAdministrator})"), null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task No_escalation_through_role_editing_or_assignment()
    {
        var scenario = await Scenario.CreateAsync(server);
        // A user who may edit roles and users, but holds no approval privilege, can't grant it nor give System Administrator.
        var editor = await scenario.AddPersonAsync();
        var editorRole = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = "Role editors" }))["roleid"]!.GetValue<Guid>();
        foreach (var name in new[] { "prvReadRole", "prvWriteRole", "prvReadUser", "prvWriteUser", "prvReadPrivilege" })
            await Api.ExpectAsync(HttpStatusCode.NoContent, await AddPrivilegeAsync(scenario.Admin, editorRole, await PrivilegeAsync(scenario, name), "Global"));
        await scenario.GiveRoleAsync(scenario.Admin, editor.SystemUserId, "Role editors");

        var approve = await PrivilegeAsync(scenario, "prvApproveRejectEmailAddress");
        await editor.Api.ExpectErrorAsync(HttpMethod.Post, editor.Api.Data($"roles({editorRole})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = approve, ["Depth"] = "Global" }) }, HttpStatusCode.Forbidden);
        var systemAdministrator = await scenario.RoleIdAsync("System Administrator");
        await editor.Api.ExpectErrorAsync(HttpMethod.Post, editor.Api.Data($"systemusers({editor.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({systemAdministrator})" }, HttpStatusCode.Forbidden);
        Assert.Single(await scenario.Admin.ListAsync($"systemusers({editor.SystemUserId})/systemuserroles_association"));
    }

    [Fact]
    public async Task Team_roles_apply_to_members_and_can_be_removed()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("emailserverprofiles"), null, HttpStatusCode.Forbidden);
        var team = (await scenario.Admin.CreateAsync("teams", new JsonObject { ["name"] = "Admins" }))["teamid"]!.GetValue<Guid>();
        var systemAdministrator = await scenario.RoleIdAsync("System Administrator");
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"teams({team})/teamroles_association/$ref"), new JsonObject { ["@odata.id"] = $"roles({systemAdministrator})" }));
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"teams({team})/teammembership_association/$ref"), new JsonObject { ["@odata.id"] = $"systemusers({person.SystemUserId})" }));
        await person.Api.GetAsync("emailserverprofiles"); // 200 now: System Administrator through the team

        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Delete,
            scenario.Admin.Data($"teams({team})/teammembership_association({person.SystemUserId})/$ref")));
        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("emailserverprofiles"), null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Users_join_from_the_directory_once()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("systemusers"), new JsonObject { ["domainname"] = person.Upn }, HttpStatusCode.Conflict);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("systemusers"), new JsonObject { ["domainname"] = "nobody@example.test" }, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Delete, scenario.Admin.Data($"systemusers({person.SystemUserId})"), null, HttpStatusCode.BadRequest);
        await scenario.Admin.PatchAsync($"systemusers({person.SystemUserId})", new JsonObject { ["isdisabled"] = true });
        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("WhoAmI"), null, HttpStatusCode.Forbidden);
    }
}

public sealed class SecurityRoleTestsOnSqlite(SqliteServer server) : SecurityRoleTests<SqliteServer>(server);
public sealed class SecurityRoleTestsOnPostgres(PostgresServer server) : SecurityRoleTests<PostgresServer>(server);
