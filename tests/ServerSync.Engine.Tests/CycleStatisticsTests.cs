using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using ServerSync.Domain.Monitoring;
using ServerSync.Engine.Monitoring;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>The engine's mailboxstatistics rows: one per direction of a cycle that moved mail, none for idle cycles, latency from server receipt.</summary>
public abstract class CycleStatisticsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static MimeMessage Message(string to, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = "Statistics " + Guid.NewGuid().ToString("N")[..8], MessageId = $"{Guid.NewGuid():N}@sender.test", Date = date };
        message.From.Add(MailboxAddress.Parse("stats@customer.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Counted." };
        return message;
    }

    private static async Task<List<JsonObject>> RowsAsync(MailboxSetup setup, Guid mailbox, int operation) =>
        (await setup.Admin.ListAsync($"mailboxstatistics?$filter=_mailboxid_value eq {mailbox} and operationtypeid eq {operation}")).Select(r => r!.AsObject()).ToList();

    private static int Sum(List<JsonObject> rows, string column) => rows.Sum(r => r[column]!.GetValue<int>());

    /// <summary>Enables the mailbox and waits until a cycle after Test &amp; Enable has run (the sync state exists).</summary>
    private static async Task EnableAsync(MailboxSetup setup, MailUser user)
    {
        await setup.TestAndEnableAsync(user.MailboxId);
        await Eventually.TrueAsync(async () => (await setup.MailboxAsync(user.MailboxId))["processedtimes"]!.GetValue<int>() >= 2, "two cycles of the new mailbox");
    }

    [Fact]
    public async Task Idle_cycles_write_nothing_and_a_cycle_that_imports_mail_writes_its_counts_and_latency_from_internaldate()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await EnableAsync(setup, user);
        Assert.Empty(await setup.Admin.ListAsync($"mailboxstatistics?$filter=_mailboxid_value eq {user.MailboxId}"));

        // The Date headers say two days ago; IMAP's INTERNALDATE (delivery, now) is what latency is measured from.
        var delivered = DateTimeOffset.UtcNow;
        var messages = new[] { Message(user.Address, delivered.AddDays(-2)), Message(user.Address, delivered.AddDays(-2)) };
        foreach (var message in messages) await setup.Mail.DeliverAsync(message);
        foreach (var message in messages) await setup.EmailByMessageIdAsync(message.MessageId);

        var rows = await Eventually.ValueAsync(async () =>
        {
            var found = await RowsAsync(setup, user.MailboxId, 0);
            return Sum(found, "itemsprocessed") == 2 ? found : null;
        }, "incoming statistics for both messages");
        Assert.Equal(0, Sum(rows, "itemsfailed"));
        Assert.Equal(2, Sum(rows, "synclatencycount"));
        Assert.All(rows, r => Assert.True(r["processresult"]!.GetValue<bool>()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["machinename"]!.GetValue<string>())));
        Assert.All(rows, r => Assert.True(r["mailboxprocessstartedon"]!.GetValue<DateTimeOffset>() <= r["mailboxprocesscompletedon"]!.GetValue<DateTimeOffset>()));
        var elapsed = (long)(DateTimeOffset.UtcNow - delivered).TotalMilliseconds + 2000; // INTERNALDATE has whole seconds
        var max = rows.Max(r => r["synclatencymaxms"]!.GetValue<long>());
        Assert.InRange(max, 0, elapsed);
        Assert.InRange(rows.Sum(r => r["synclatencytotalms"]!.GetValue<long>()), 0, 2 * max);
        Assert.Empty(await RowsAsync(setup, user.MailboxId, 1)); // nothing was sent
    }

    [Fact]
    public async Task Pop3_latency_falls_back_to_the_date_header()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var user = await setup.UserAsync(await setup.ImapProfileAsync(type: "pop3"));
        await EnableAsync(setup, user);

        var message = Message(user.Address, DateTimeOffset.UtcNow.AddMinutes(-10));
        await setup.Mail.DeliverAsync(message);
        await setup.EmailByMessageIdAsync(message.MessageId);
        var row = await Eventually.ValueAsync(async () => (await RowsAsync(setup, user.MailboxId, 0)).FirstOrDefault(), "the incoming statistics row");
        Assert.Equal(1, row["itemsprocessed"]!.GetValue<int>());
        Assert.Equal(1, row["synclatencycount"]!.GetValue<int>());
        Assert.InRange(row["synclatencymaxms"]!.GetValue<long>(), 10 * 60_000 - 1000, 10 * 60_000 + Eventually.Limit.TotalMilliseconds);
        Assert.Equal(row["synclatencymaxms"]!.GetValue<long>(), row["synclatencytotalms"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_cycle_that_sends_mail_writes_an_outgoing_row()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var sender = await setup.UserAsync(await setup.ImapProfileAsync());
        await EnableAsync(setup, sender);
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Counted on the way out", ["description"] = "Hello",
            ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = await setup.Mail.AddUserAsync("r") }),
        });
        await setup.Admin.PostActionAsync($"emails({draft["activityid"]})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });

        var row = await Eventually.ValueAsync(async () => (await RowsAsync(setup, sender.MailboxId, 1)).FirstOrDefault(), "the outgoing statistics row");
        Assert.Equal(1, row["itemsprocessed"]!.GetValue<int>());
        Assert.Equal(0, row["itemsfailed"]!.GetValue<int>());
        Assert.Equal(0, row["synclatencycount"]!.GetValue<int>());
        Assert.True(row["processresult"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_cycle_that_cant_reach_the_server_writes_a_failed_row()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        await using var proxy = new TcpProxy(setup.Mail.ImapPort);
        proxy.Start();
        var user = await setup.UserAsync(await setup.ImapProfileAsync(imapPort: proxy.Port));
        await EnableAsync(setup, user);
        Assert.Empty(await RowsAsync(setup, user.MailboxId, 0));

        proxy.Stop();
        var row = await Eventually.ValueAsync(async () => (await RowsAsync(setup, user.MailboxId, 0)).FirstOrDefault(), "a failed incoming statistics row");
        Assert.False(row["processresult"]!.GetValue<bool>());
        Assert.Equal(0, row["itemsprocessed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retention_deletes_rows_older_than_the_retention_period_only()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var (_, mailbox) = await setup.Scenario.CreateQueueAsync();
        var now = DateTimeOffset.UtcNow;
        using (var scope = server.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
            var env = await db.Environments.Where(e => e.Name == setup.Scenario.Environment).Select(e => e.Id).SingleAsync();
            foreach (var age in new[] { 31, 29 })
            {
                var completed = now.AddDays(-age);
                db.MailboxStatistics.Add(new MailboxStatistics
                {
                    Id = Guid.NewGuid(), EnvironmentId = env, MailboxId = mailbox, ItemsProcessed = age, ProcessResult = true,
                    MailboxProcessStartedOn = completed, MailboxProcessCompletedOn = completed, CreatedOn = completed, ModifiedOn = completed,
                });
            }
            await db.SaveChangesAsync();
        }

        var retention = server.Factory.Services.GetServices<IHostedService>().OfType<StatisticsRetention>().Single();
        Assert.True(await retention.PruneAsync(CancellationToken.None) >= 1);
        var left = await setup.Admin.ListAsync($"mailboxstatistics?$filter=_mailboxid_value eq {mailbox}");
        Assert.Equal(29, Assert.Single(left)!["itemsprocessed"]!.GetValue<int>());
    }
}

public sealed class CycleStatisticsTestsOnSqlite(SqliteEngineServer server) : CycleStatisticsTests<SqliteEngineServer>(server);
public sealed class CycleStatisticsTestsOnPostgres(PostgresEngineServer server) : CycleStatisticsTests<PostgresEngineServer>(server);
