using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.TestAndEnable;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// A Test &amp; Enable job always finishes and gives every mailbox a result: a job whose node stopped is resumed once
/// its lease runs out, one mailbox's error fails only that mailbox, and a save that lost to a concurrent write of the
/// mailbox is tried again. The server runs without its engine, so the test drives the job runner itself, with a fake
/// clock where the lease matters, against the real PostgreSQL and mail stack.
/// </summary>
public sealed class TestAndEnableJobTests(PostgresServerWithoutEngine server) : IClassFixture<PostgresServerWithoutEngine>
{
    [Fact]
    public async Task A_job_whose_node_stopped_is_resumed_after_its_lease_ran_out_with_the_mailboxes_not_yet_tested()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var users = new List<MailUser>();
        for (var i = 0; i < 3; i++) users.Add(await setup.UserAsync(profile));
        var job = await ScheduleAsync(setup, users.Select(u => u.MailboxId));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Node a tests the first mailbox and stops (as in a crash: nothing more is written).
        using var crash = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync("node-a", clock, job, _ => crash.Cancel(), crash.Token));
        var stopped = await setup.Admin.GetAsync($"asyncoperations({job})");
        Assert.Equal(2, stopped["statecode"]!.GetValue<int>()); // Locked
        Assert.Equal(20, stopped["statuscode"]!.GetValue<int>()); // In Progress
        Assert.Equal("node-a", stopped["hostid"]!.GetValue<string>());
        Assert.Equal(1, stopped["itemsprocessed"]!.GetValue<int>());

        // While the lease holds, no scheduler sees the job and another node's runner leaves it alone.
        Assert.DoesNotContain(job, await DueAsync(clock));
        await RunAsync("node-b", clock, job, _ => { }, CancellationToken.None);
        Assert.Equal("node-a", (await setup.Admin.GetAsync($"asyncoperations({job})"))["hostid"]!.GetValue<string>());

        clock.Advance(TestAndEnableJobRunner.Lease + TimeSpan.FromSeconds(1));
        Assert.Contains(job, await DueAsync(clock));
        var enabled = new List<Guid>();
        await RunAsync("node-b", clock, job, enabled.Add, CancellationToken.None);

        var done = await setup.Admin.GetAsync($"asyncoperations({job})");
        Assert.Equal(3, done["statecode"]!.GetValue<int>()); // Completed
        Assert.Equal(30, done["statuscode"]!.GetValue<int>()); // Succeeded
        Assert.Equal("3 of 3 mailboxes tested and enabled.", done["message"]!.GetValue<string>());
        Assert.Equal("node-b", done["hostid"]!.GetValue<string>());
        Assert.Equal(1, done["retrycount"]!.GetValue<int>());
        Assert.Equal(100, done["percentcomplete"]!.GetValue<int>());
        Assert.Equal(users.Skip(1).Select(u => u.MailboxId), enabled); // the rest, not the first again
        foreach (var user in users)
        {
            var mailbox = await setup.MailboxAsync(user.MailboxId);
            Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());
            Assert.Equal(1, mailbox["testemailconfigurationretrycount"]!.GetValue<int>()); // each tested once
        }
    }

    [Fact]
    public async Task A_job_interrupted_too_often_gives_its_remaining_mailboxes_a_failed_result()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var users = new List<MailUser>();
        for (var i = 0; i < 2; i++) users.Add(await setup.UserAsync(profile));
        var job = await ScheduleAsync(setup, users.Select(u => u.MailboxId));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // The job as a node leaves it that stopped while running it after it had been resumed MaxResumptions times
        // (each time stopped by the same first mailbox): Locked, its lease run out.
        await using (var scope = server.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>().AsyncOperations.Where(j => j.Id == job)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.StateCode, (int)AsyncOperationState.Locked).SetProperty(j => j.StatusCode, (int)AsyncOperationStatus.InProgress)
                    .SetProperty(j => j.HostId, "node-a").SetProperty(j => j.LeaseExpiresOn, clock.GetUtcNow() - TimeSpan.FromSeconds(1))
                    .SetProperty(j => j.RetryCount, TestAndEnableJobRunner.MaxResumptions));
        await RunAsync("node-b", clock, job, _ => { }, CancellationToken.None);

        var done = await setup.Admin.GetAsync($"asyncoperations({job})");
        Assert.Equal(3, done["statecode"]!.GetValue<int>());
        Assert.Equal(31, done["statuscode"]!.GetValue<int>()); // Failed
        Assert.Equal("0 of 2 mailboxes tested and enabled.", done["message"]!.GetValue<string>());
        foreach (var user in users)
        {
            var mailbox = await setup.MailboxAsync(user.MailboxId);
            Assert.Equal(2, mailbox["mailboxstatus"]!.GetValue<int>()); // Failure
            Assert.False(mailbox["testemailconfigurationscheduled"]!.GetValue<bool>());
            var alert = Assert.Single(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {user.MailboxId} and level eq 3"))!;
            Assert.Contains($"interrupted {TestAndEnableJobRunner.MaxResumptions + 1} times", alert["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task One_mailboxs_store_error_fails_only_that_mailbox_and_a_clash_with_a_concurrent_write_is_tested_again()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var profile = await setup.ImapProfileAsync();
        var users = new List<MailUser>();
        for (var i = 0; i < 4; i++) users.Add(await setup.UserAsync(profile));
        var (failing, clashing) = (users[1].MailboxId, users[2].MailboxId);
        var job = await ScheduleAsync(setup, users.Select(u => u.MailboxId));

        // Real store faults on the first write of each of two mailboxes: an error, and an update that changes no row,
        // which is what EF Core sees when another writer (the mailbox's own cycle) changed the row since it was read.
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = server.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
            var faults = $"""
                CREATE SEQUENCE fault_{tag}; CREATE SEQUENCE clash_{tag};
                CREATE FUNCTION fault_{tag}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.mailboxid = '{failing}' AND nextval('fault_{tag}') = 1 THEN RAISE EXCEPTION 'injected store fault {tag}'; END IF;
                  IF NEW.mailboxid = '{clashing}' AND nextval('clash_{tag}') = 1 THEN RETURN NULL; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fault_{tag} BEFORE UPDATE ON mailbox FOR EACH ROW EXECUTE FUNCTION fault_{tag}();
                """;
            await db.Database.ExecuteSqlRawAsync(faults);
        }
        try
        {
            await using var scope = server.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TestAndEnableJobRunner>().RunAsync(job, _ => { }, CancellationToken.None);
        }
        finally
        {
            await using var scope = server.Factory.Services.CreateAsyncScope();
            var drop = $"DROP TRIGGER fault_{tag} ON mailbox";
            await scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>().Database.ExecuteSqlRawAsync(drop);
        }

        var done = await setup.Admin.GetAsync($"asyncoperations({job})");
        Assert.Equal(3, done["statecode"]!.GetValue<int>());
        Assert.Equal(31, done["statuscode"]!.GetValue<int>());
        Assert.Equal("3 of 4 mailboxes tested and enabled.", done["message"]!.GetValue<string>());
        foreach (var user in users.Where(u => u.MailboxId != failing))
        {
            var mailbox = await setup.MailboxAsync(user.MailboxId);
            Assert.True(mailbox["enabledforincomingemail"]!.GetValue<bool>());
            Assert.Equal(1, mailbox["mailboxstatus"]!.GetValue<int>()); // Success
        }
        var failed = await setup.MailboxAsync(failing);
        Assert.Equal(2, failed["mailboxstatus"]!.GetValue<int>());
        Assert.False(failed["enabledforincomingemail"]!.GetValue<bool>());
        Assert.False(failed["testemailconfigurationscheduled"]!.GetValue<bool>());
        var alert = Assert.Single(await setup.Admin.ListAsync($"tracelogs?$filter=_regardingobjectid_value eq {failing} and level eq 3"))!;
        Assert.Contains($"injected store fault {tag}", alert["text"]!.GetValue<string>());
    }

    private static async Task<Guid> ScheduleAsync(MailboxSetup setup, IEnumerable<Guid> mailboxes)
    {
        var result = await setup.Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["MailboxIds"] = new JsonArray(mailboxes.Select(m => (JsonNode)m).ToArray()) });
        return result["AsyncOperationId"]!.GetValue<Guid>();
    }

    /// <summary>The runner of one node (its HostId), on the fake clock.</summary>
    private async Task RunAsync(string hostId, TimeProvider clock, Guid job, Action<Guid> mailboxEnabled, CancellationToken ct)
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var runner = ActivatorUtilities.CreateInstance<TestAndEnableJobRunner>(scope.ServiceProvider, clock, new EngineOptions { EngineEnabled = false, HostId = hostId });
        await runner.RunAsync(job, mailboxEnabled, ct);
    }

    private async Task<List<Guid>> DueAsync(TimeProvider clock)
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        return await TestAndEnableJobRunner.Due(scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>(), clock.GetUtcNow()).ToListAsync();
    }
}
