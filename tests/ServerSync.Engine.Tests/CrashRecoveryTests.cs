using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Kill -9 of the server while it imports or sends, then a restart on the same store: nothing is lost and
/// nothing is duplicated. The server runs as a real child process so the kill is a real one.
/// </summary>
public abstract class CrashRecoveryTests(string provider)
{
    private async Task<(Dictionary<string, string> Settings, Func<Task> Cleanup)> StoreAsync()
    {
        var data = Directory.CreateTempSubdirectory("serversync-crash-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["ServerSync:DataDirectory"] = data,
            ["ServerSync:Storage:Provider"] = provider,
            ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
            ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
            ["ServerSync:IncomingEmailRetrievalBatchSize"] = "25",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in EngineSettings.All()) settings[key] = value;
        if (provider == "Sqlite")
        {
            settings["ServerSync:Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "serversync.db")}";
            return (settings, () => { Directory.Delete(data, true); return Task.CompletedTask; });
        }
        var server = Environment.GetEnvironmentVariable("SERVERSYNC_TEST_PG")!;
        var database = $"serversync_crash_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
        }
        settings["ServerSync:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        return (settings, async () =>
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
            Directory.Delete(data, true);
        });
    }

    /// <summary>Counts received emails straight in the store while the server is down.</summary>
    private static async Task<long> StoredAsync(Dictionary<string, string> settings, string provider)
    {
        var connectionString = settings["ServerSync:Storage:ConnectionString"];
        await using System.Data.Common.DbConnection connection = provider == "Sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM email WHERE statuscode = 4";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<int> CountAsync(Api api, string query) =>
        (await api.GetAsync($"{query}&$count=true&$top=0"))["@odata.count"]!.GetValue<int>();

    [Fact]
    public async Task Kill_during_import_then_restart_loses_and_duplicates_nothing()
    {
        const int total = 600;
        var (settings, cleanup) = await StoreAsync();
        try
        {
            await using var imapProxy = new TcpProxy(MailStack.Current.ImapPort);
            imapProxy.Start();
            await using var server = new ServerProcess(settings);
            await server.StartAsync();
            var setup = new MailboxSetup(await Scenario.CreateAsync(server));
            var user = await setup.UserAsync(await setup.ImapProfileAsync(imapPort: imapProxy.Port));
            var prefix = Guid.NewGuid().ToString("N")[..8];
            using (var smtp = new SmtpClient())
            {
                await smtp.ConnectAsync(setup.Mail.Host, setup.Mail.RelayPort, SecureSocketOptions.None);
                for (var i = 0; i < total; i++)
                {
                    var message = new MimeMessage { Subject = $"Bulk {i}", MessageId = $"{prefix}.{i}@bulk.test" };
                    message.From.Add(MailboxAddress.Parse("bulk@customer.test"));
                    message.To.Add(MailboxAddress.Parse(user.Address));
                    message.Body = new TextPart("plain") { Text = new string('x', 2000) };
                    await smtp.SendAsync(message);
                }
                await smtp.DisconnectAsync(true);
            }
            await setup.TestAndEnableAsync(user.MailboxId);
            var deadline = DateTime.UtcNow + Eventually.Limit;
            while (await StoredAsync(settings, provider) == 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The import did not start.");
                await Task.Delay(20);
            }
            imapProxy.Pause(); // hold the import where it is, mid-mailbox, and kill the server there
            server.Kill();
            imapProxy.Resume();
            var atKill = await StoredAsync(settings, provider);
            Assert.InRange(atKill, 1, total - 1); // the kill really landed in the middle of the import
            await server.StartAsync();

            var admin = (await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword)).In(setup.Scenario.Environment);
            await Eventually.TrueAsync(async () => await CountAsync(admin, "emails?$filter=statuscode eq 4") >= total, $"all {total} messages imported");
            await Task.Delay(TimeSpan.FromSeconds(3)); // further cycles must not add anything
            Assert.Equal(total, await CountAsync(admin, "emails?$filter=statuscode eq 4"));
            Assert.Equal(total, await CountAsync(admin, $"emails?$filter=startswith(messageid,'<{prefix}.')"));
        }
        finally
        {
            await cleanup();
        }
    }

    [Fact]
    public async Task Kill_while_sending_then_restart_delivers_each_email_once()
    {
        const int total = 5;
        var (settings, cleanup) = await StoreAsync();
        try
        {
            var mail = MailStack.Current;
            await using var smtpProxy = new TcpProxy(mail.SubmissionPort);
            smtpProxy.Start();
            await using var server = new ServerProcess(settings);
            await server.StartAsync();
            var setup = new MailboxSetup(await Scenario.CreateAsync(server));
            var profile = await setup.ImapProfileAsync();
            await setup.Admin.PatchAsync($"emailserverprofiles({profile})", new JsonObject { ["outgoingportnumber"] = smtpProxy.Port });
            var sender = await setup.UserAsync(profile);
            var recipient = await mail.AddUserAsync("r");
            await setup.TestAndEnableAsync(sender.MailboxId);

            smtpProxy.Pause(); // the SMTP server stops answering: the first send hangs in flight
            var ids = new List<Guid>();
            for (var i = 0; i < total; i++)
            {
                var draft = await setup.Admin.CreateAsync("emails", new JsonObject
                {
                    ["subject"] = $"Offer {i}", ["ownerid@odata.bind"] = $"/systemusers({sender.Id})",
                    ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = recipient }),
                });
                ids.Add(draft["activityid"]!.GetValue<Guid>());
                await setup.Admin.PostActionAsync($"emails({ids[^1]})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
            }
            await Eventually.TrueAsync(async () => await CountAsync(setup.Admin, "emails?$filter=statuscode eq 7") == 1, "an email in Sending");
            server.Kill();
            smtpProxy.Resume();
            await server.StartAsync();

            var admin = (await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword)).In(setup.Scenario.Environment);
            await Eventually.TrueAsync(async () => await CountAsync(admin, "emails?$filter=statuscode eq 3") == total, "every email sent");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var inbox = await mail.MessageIdsAsync(recipient);
            var sentFolder = await mail.MessageIdsAsync(sender.Address, "Sent");
            foreach (var id in ids)
            {
                Assert.Single(inbox, m => m == $"{id:N}@serversync");
                Assert.Single(sentFolder, m => m == $"{id:N}@serversync");
            }
            var attempts = new List<int>();
            foreach (var id in ids) attempts.Add((await admin.GetAsync($"emails({id})"))["deliveryattempts"]!.GetValue<int>());
            Assert.Equal(1, attempts.Count(a => a == 2)); // the one cut off by the kill went out again, once
            Assert.Equal(total - 1, attempts.Count(a => a == 1));
        }
        finally
        {
            await cleanup();
        }
    }
}

public sealed class CrashRecoveryTestsOnSqlite() : CrashRecoveryTests("Sqlite");
public sealed class CrashRecoveryTestsOnPostgres() : CrashRecoveryTests("Postgres");
