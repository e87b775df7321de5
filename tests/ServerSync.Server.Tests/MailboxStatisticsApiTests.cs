using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Monitoring;
using ServerSync.Server.Provisioning;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>mailboxstatistics on the Web API: read-only, behind its own privilege, scoped to the environment.</summary>
public abstract class MailboxStatisticsApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    /// <summary>A row as the engine writes it at the end of a cycle (this host runs no engine).</summary>
    private async Task<Guid> AddRowAsync(Scenario scenario, Guid mailbox, int processed)
    {
        using var scope = server.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var env = await db.Environments.Where(e => e.Name == scenario.Environment).Select(e => e.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var row = new MailboxStatistics
        {
            Id = Guid.NewGuid(), EnvironmentId = env, MailboxId = mailbox, OperationTypeId = (int)MailboxOperationType.IncomingEmail,
            ItemsProcessed = processed, ProcessResult = true, MachineName = "node-1", MailboxProcessStartedOn = now.AddSeconds(-2), MailboxProcessCompletedOn = now,
            SyncLatencyCount = processed, SyncLatencyTotalMs = processed * 1500L, SyncLatencyMaxMs = 2000, CreatedOn = now, ModifiedOn = now,
        };
        db.MailboxStatistics.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    [Fact]
    public async Task Rows_are_read_with_query_options_and_never_written_through_the_api()
    {
        var scenario = await Scenario.CreateAsync(server);
        var (_, mailbox) = await scenario.CreateQueueAsync();
        var id = await AddRowAsync(scenario, mailbox, 3);
        await AddRowAsync(scenario, mailbox, 5);

        var rows = await scenario.Admin.ListAsync($"mailboxstatistics?$select=itemsprocessed,synclatencytotalms,operationtypeid&$filter=_mailboxid_value eq {mailbox} and itemsprocessed gt 3&$orderby=mailboxprocesscompletedon desc");
        var row = Assert.Single(rows)!;
        Assert.Equal(5, row["itemsprocessed"]!.GetValue<int>());
        Assert.Equal(7500, row["synclatencytotalms"]!.GetValue<long>());
        Assert.Equal(0, row["operationtypeid"]!.GetValue<int>());

        var api = scenario.Admin;
        await api.ExpectErrorAsync(HttpMethod.Post, api.Data("mailboxstatistics"), new JsonObject { ["itemsprocessed"] = 1 }, HttpStatusCode.BadRequest);
        await api.ExpectErrorAsync(HttpMethod.Patch, api.Data($"mailboxstatistics({id})"), new JsonObject { ["itemsprocessed"] = 9 }, HttpStatusCode.BadRequest);
        await api.ExpectErrorAsync(HttpMethod.Delete, api.Data($"mailboxstatistics({id})"), null, HttpStatusCode.BadRequest);
        Assert.Equal(3, (await api.GetAsync($"mailboxstatistics({id})"))["itemsprocessed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reading_needs_the_read_privilege_which_a_basic_user_lacks()
    {
        var scenario = await Scenario.CreateAsync(server);
        var (_, mailbox) = await scenario.CreateQueueAsync();
        await AddRowAsync(scenario, mailbox, 1);
        var basic = await scenario.AddPersonAsync(null, "Basic User");
        Assert.Contains("prvReadMailboxStatistics",
            await basic.Api.ExpectErrorAsync(HttpMethod.Get, basic.Api.Data("mailboxstatistics"), null, HttpStatusCode.Forbidden, "0x80040220"));

        // A role with prvReadMailboxStatistics (organization-owned: any depth reaches every row of the environment).
        var role = (await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = "Monitoring readers" }))["roleid"]!.GetValue<Guid>();
        var privilege = (await scenario.Admin.ListAsync("privileges?$filter=name eq 'prvReadMailboxStatistics'"))[0]!["privilegeid"]!.GetValue<Guid>();
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post, scenario.Admin.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = privilege, ["Depth"] = "Global" }) }));
        await scenario.GiveRoleAsync(scenario.Admin, basic.SystemUserId, "Monitoring readers");
        Assert.Single(await basic.Api.ListAsync("mailboxstatistics"));
        await basic.Api.ExpectErrorAsync(HttpMethod.Post, basic.Api.Data("mailboxstatistics"), new JsonObject(), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_environment_made_before_the_table_existed_gets_its_privileges_on_upgrade()
    {
        var scenario = await Scenario.CreateAsync(server);
        const string Privileges = "privileges?$filter=endswith(name,'MailboxStatistics')";
        using (var scope = server.Factory.Services.CreateScope())
        {
            // As the environment was before this version: no mailboxstatistics privileges to grant.
            var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
            var env = await db.Environments.Where(e => e.Name == scenario.Environment).Select(e => e.Id).SingleAsync();
            var ids = await db.Privileges.Where(p => p.EnvironmentId == env && p.Name.EndsWith("MailboxStatistics")).Select(p => p.Id).ToListAsync();
            Assert.Equal(8, ids.Count);
            await db.RolePrivileges.Where(rp => ids.Contains(rp.PrivilegeId)).ExecuteDeleteAsync();
            await db.Privileges.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync();
        }
        Assert.Empty(await scenario.Admin.ListAsync(Privileges));

        using (var scope = server.Factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<PrivilegeCatalogUpgrade>().RunAsync(CancellationToken.None) >= 8);
        var added = (await scenario.Admin.ListAsync(Privileges)).Select(p => p!["privilegeid"]!.GetValue<Guid>()).ToList();
        Assert.Equal(8, added.Count);
        var administrator = await scenario.RoleIdAsync("System Administrator");
        var granted = (await scenario.Admin.GetAsync($"RetrieveRolePrivilegesRole(RoleId={administrator})"))["RolePrivileges"]!.AsArray()
            .Select(p => p!["PrivilegeId"]!.GetValue<Guid>()).ToHashSet();
        Assert.Subset(granted, added.ToHashSet());
        using (var scope = server.Factory.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PrivilegeCatalogUpgrade>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Rows_of_another_environment_are_invisible()
    {
        var a = await Scenario.CreateAsync(server);
        var b = await Scenario.CreateAsync(server);
        var (_, mailboxB) = await b.CreateQueueAsync();
        var rowB = await AddRowAsync(b, mailboxB, 4);

        Assert.Single(await b.Admin.ListAsync("mailboxstatistics"));
        Assert.Empty(await a.Admin.ListAsync("mailboxstatistics"));
        await a.Admin.ExpectErrorAsync(HttpMethod.Get, a.Admin.Data($"mailboxstatistics({rowB})"), null, HttpStatusCode.NotFound);
    }
}

public sealed class MailboxStatisticsApiTestsOnSqlite(SqliteServer server) : MailboxStatisticsApiTests<SqliteServer>(server);
public sealed class MailboxStatisticsApiTestsOnPostgres(PostgresServer server) : MailboxStatisticsApiTests<PostgresServer>(server);
