using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Server.Provisioning;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Append on the child and AppendTo on the parent, at a depth that reaches each row, for lookups, deep inserts and associations.</summary>
public abstract class AppendTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static async Task<Guid> PrivilegeAsync(Scenario scenario, string name) =>
        (await scenario.Admin.ListAsync($"privileges?$filter=name eq '{name}'"))[0]!["privilegeid"]!.GetValue<Guid>();

    private static async Task RoleAsync(Scenario scenario, string name, params (string Privilege, string Depth)[] grants)
    {
        var role = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = name }))["roleid"]!.GetValue<Guid>();
        if (grants.Length == 0) return;
        var items = new JsonArray();
        foreach (var (privilege, depth) in grants) items.Add(new JsonObject { ["PrivilegeId"] = await PrivilegeAsync(scenario, privilege), ["Depth"] = depth });
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post,
            scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"), new JsonObject { ["Privileges"] = items }));
    }

    private static async Task<Guid> ContactAsync(Scenario scenario) =>
        (await scenario.Admin.CreateAsync("contacts", new JsonObject { ["lastname"] = "Lee", ["emailaddress1"] = "dana@example.test" }))["contactid"]!.GetValue<Guid>();

    private static async Task<Guid> DraftAsync(Api api, Guid contact) =>
        (await api.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Quote",
            ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["partyid_contact@odata.bind"] = $"/contacts({contact})" }),
        }))["activityid"]!.GetValue<Guid>();

    private static JsonObject Attachment(Guid email) => new()
    {
        ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "invoice.pdf", ["body"] = Convert.ToBase64String(new byte[16]),
    };

    [Fact]
    public async Task A_basic_user_writes_their_own_email_with_regarding_parties_and_attachments()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario);
        var alice = await scenario.AddPersonAsync(null, "Basic User");
        var email = await DraftAsync(alice.Api, contact);
        await alice.Api.CreateAsync("activitymimeattachments", Attachment(email));
        Assert.Equal(1, (await alice.Api.GetAsync($"emails({email})"))["attachmentcount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Attaching_a_file_to_another_users_draft_is_refused()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario);
        var victim = await scenario.AddPersonAsync(null, "Basic User");
        var email = await DraftAsync(victim.Api, contact);

        // A Basic User can't read the victim's email: it answers as if it didn't exist.
        var attacker = await scenario.AddPersonAsync(null, "Basic User");
        var message = await attacker.Api.ExpectErrorAsync(HttpMethod.Post, attacker.Api.Data("activitymimeattachments"), Attachment(email), HttpStatusCode.BadRequest, "0x80040217");
        Assert.Equal($"email With Id = {email} Does Not Exist", message);

        // One who reads every email but appends only to their own gets a 403 naming the privilege.
        await RoleAsync(scenario, "Read all activities", ("prvReadActivity", "Global"));
        var reader = await scenario.AddPersonAsync(null, "Basic User", "Read all activities");
        message = await reader.Api.ExpectErrorAsync(HttpMethod.Post, reader.Api.Data("activitymimeattachments"), Attachment(email), HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendToActivity", message);
        Assert.Equal(0, (await scenario.Admin.GetAsync($"emails({email})"))["attachmentcount"]!.GetValue<int>());
        Assert.Empty(await scenario.Admin.ListAsync($"activitymimeattachments?$filter=_objectid_value eq {email}"));
    }

    [Fact]
    public async Task Setting_a_lookup_needs_append_on_the_row_and_append_to_on_the_target()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario);
        await RoleAsync(scenario, "Writers", ("prvCreateActivity", "Basic"), ("prvReadActivity", "Basic"), ("prvWriteActivity", "Basic"),
            ("prvAppendToActivity", "Basic"), ("prvReadContact", "Global"));
        var writer = await scenario.AddPersonAsync(null, "Writers");
        var email = (await writer.Api.CreateAsync("emails", new JsonObject { ["subject"] = "Hello" }))["activityid"]!.GetValue<Guid>();

        var message = await writer.Api.ExpectErrorAsync(HttpMethod.Patch, writer.Api.Data($"emails({email})"),
            new JsonObject { ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendActivity", message);
        await RoleAsync(scenario, "Appenders", ("prvAppendActivity", "Basic"));
        await scenario.GiveRoleAsync(scenario.Admin, writer.SystemUserId, "Appenders");
        message = await writer.Api.ExpectErrorAsync(HttpMethod.Patch, writer.Api.Data($"emails({email})"),
            new JsonObject { ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendToContact", message);
        Assert.Null((await scenario.Admin.GetAsync($"emails({email})"))["_regardingobjectid_value"]);

        await RoleAsync(scenario, "Contact linkers", ("prvAppendToContact", "Global"));
        await scenario.GiveRoleAsync(scenario.Admin, writer.SystemUserId, "Contact linkers");
        await writer.Api.PatchAsync($"emails({email})", new JsonObject { ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})" });
        Assert.Equal(contact, (await scenario.Admin.GetAsync($"emails({email})"))["_regardingobjectid_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Deep_insert_needs_append_to_on_the_new_row()
    {
        var scenario = await Scenario.CreateAsync(server);
        await RoleAsync(scenario, "No append to", ("prvCreateActivity", "Basic"), ("prvReadActivity", "Basic"), ("prvAppendActivity", "Basic"));
        var writer = await scenario.AddPersonAsync(null, "No append to");
        var message = await writer.Api.ExpectErrorAsync(HttpMethod.Post, writer.Api.Data("emails"), new JsonObject
        {
            ["subject"] = "Hello",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = "x@example.test" }),
        }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendToActivity", message);
        Assert.Empty(await scenario.Admin.ListAsync("emails?$filter=subject eq 'Hello'"));
    }

    [Fact]
    public async Task Associations_need_append_on_the_row_and_append_to_on_the_other()
    {
        var scenario = await Scenario.CreateAsync(server);
        await RoleAsync(scenario, "Empty");
        await RoleAsync(scenario, "User writers", ("prvReadUser", "Global"), ("prvWriteUser", "Global"), ("prvReadTeam", "Global"));
        var writer = await scenario.AddPersonAsync(null, "User writers");
        var empty = await scenario.RoleIdAsync("Empty");
        var team = (await scenario.Admin.CreateAsync("teams", new JsonObject { ["name"] = "Team" }))["teamid"]!.GetValue<Guid>();

        var message = await writer.Api.ExpectErrorAsync(HttpMethod.Post, writer.Api.Data($"systemusers({writer.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({empty})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendUser", message);
        await RoleAsync(scenario, "User appenders", ("prvAppendUser", "Global"));
        await scenario.GiveRoleAsync(scenario.Admin, writer.SystemUserId, "User appenders");
        message = await writer.Api.ExpectErrorAsync(HttpMethod.Post, writer.Api.Data($"systemusers({writer.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({empty})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendToRole", message);
        message = await writer.Api.ExpectErrorAsync(HttpMethod.Post, writer.Api.Data($"systemusers({writer.SystemUserId})/teammembership_association/$ref"),
            new JsonObject { ["@odata.id"] = $"teams({team})" }, HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvAppendToTeam", message);
        Assert.Equal(2, (await scenario.Admin.ListAsync($"systemusers({writer.SystemUserId})/systemuserroles_association")).Count);
        Assert.Empty(await scenario.Admin.ListAsync($"teams({team})/teammembership_association"));
    }

    [Fact]
    public async Task Basic_user_gets_its_append_to_privileges_at_start_in_existing_environments()
    {
        var scenario = await Scenario.CreateAsync(server);
        var basicUser = await scenario.RoleIdAsync("Basic User");
        Assert.Contains(await GrantsAsync(scenario, basicUser), g => g.Name == "prvAppendToActivity" && g.Depth == "Basic");
        Assert.Contains(await GrantsAsync(scenario, basicUser), g => g.Name == "prvAppendToContact" && g.Depth == "Global");

        // As an environment provisioned before this version: Basic User without the Append To grants.
        using (var scope = server.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
            Assert.Equal(6, await db.RolePrivileges.Where(rp => rp.RoleId == basicUser && db.Privileges.Any(p => p.Id == rp.PrivilegeId && p.Name.StartsWith("prvAppendTo"))).ExecuteDeleteAsync());
        }
        Assert.DoesNotContain(await GrantsAsync(scenario, basicUser), g => g.Name == "prvAppendToActivity");
        using (var scope = server.Factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<PrivilegeCatalogUpgrade>().RunAsync(CancellationToken.None) >= 6);
        var grants = await GrantsAsync(scenario, basicUser);
        Assert.Contains(grants, g => g.Name == "prvAppendToActivity" && g.Depth == "Basic");
        Assert.Contains(grants, g => g.Name == "prvAppendToQueue" && g.Depth == "Local");
        using (var scope = server.Factory.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PrivilegeCatalogUpgrade>().RunAsync(CancellationToken.None));
    }

    private static async Task<List<(string Name, string Depth)>> GrantsAsync(Scenario scenario, Guid role) =>
        (await scenario.Admin.GetAsync($"RetrieveRolePrivilegesRole(RoleId={role})"))["RolePrivileges"]!.AsArray()
            .Select(p => (p!["PrivilegeName"]!.GetValue<string>(), p["Depth"]!.GetValue<string>())).ToList();
}

public sealed class AppendTestsOnSqlite(SqliteServer server) : AppendTests<SqliteServer>(server);
public sealed class AppendTestsOnPostgres(PostgresServer server) : AppendTests<PostgresServer>(server);
