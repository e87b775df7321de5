using System.Net;
using System.Text.Json.Nodes;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>What an operator's Prometheus sees of a real sync: counters, the latency histogram, gauges, and who may scrape.</summary>
public sealed class MetricsTests(ObservedServer observed) : IClassFixture<ObservedServer>
{
    [Fact]
    public async Task A_sync_against_the_mail_stack_moves_the_counters_and_the_latency_histogram_at_metrics()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(observed.Server));
        var env = ("serversync_environment", setup.Scenario.Environment);
        var before = await observed.ScrapeAsync();
        Assert.Equal(0, before.Sum("serversync_items_processed_total", env));
        Assert.Equal(0, before.Sum("serversync_sync_latency_seconds_count", env));

        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        var messages = Enumerable.Range(0, 3).Select(i => Message(user.Address, $"Metrics {i}")).ToList();
        foreach (var message in messages) await setup.Mail.DeliverAsync(message);
        foreach (var message in messages) await setup.EmailByMessageIdAsync(message.MessageId);
        var recipient = await setup.Mail.AddUserAsync("r");
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Metrics out", ["description"] = "<p>Out.</p>", ["ownerid@odata.bind"] = $"/systemusers({user.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = recipient }),
        });
        var id = draft["activityid"]!.GetValue<Guid>();
        await setup.Admin.PostActionAsync($"emails({id})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
        await Eventually.TrueAsync(async () => (await setup.Admin.GetAsync($"emails({id})"))["statuscode"]!.GetValue<int>() == 3, "the email to be sent");

        // The stored activities are counted as soon as their batch commits; the scrape reads them then.
        var after = await Eventually.ValueAsync(async () =>
        {
            var scrape = await observed.ScrapeAsync();
            return scrape.Sum("serversync_items_processed_total", env, ("serversync_direction", "outgoing")) >= 1
                && scrape.Sum("serversync_mailboxes", env, ("serversync_mailbox_state", "enabled")) >= 1 ? scrape : null;
        }, "the outgoing item and the enabled mailbox at /metrics");
        Assert.Equal(3, after.Sum("serversync_items_processed_total", env, ("serversync_direction", "incoming"), ("serversync_server_type", "imap")));
        Assert.Equal(0, after.Sum("serversync_items_failed_total", env));
        Assert.Equal(3, after.Sum("serversync_sync_latency_seconds_count", env));
        Assert.True(after.Sum("serversync_sync_latency_seconds_sum", env) > 0);
        Assert.Equal(3, after.Sum("serversync_sync_latency_seconds_bucket", env, ("le", "+Inf")));
        Assert.True(after.Sum("serversync_cycle_duration_seconds_count", env) >= 1);
        Assert.Equal(1, after.Sum("serversync_mailboxes", env, ("serversync_mailbox_state", "enabled")));
        Assert.Equal(0, after.Sum("serversync_mailboxes", env, ("serversync_mailbox_state", "failing")));
        Assert.Equal(0, after.Sum("serversync_pending_send_emails", env));
        Assert.True(after.Sum("serversync_test_and_enable_job_duration_seconds_count", ("serversync_result", "success")) >= 1);
        Assert.True(after.Sum("serversync_test_and_enable_mailboxes_total", ("serversync_result", "success")) >= 1);
        // The runtime's and ASP.NET Core's own meters come along.
        Assert.Contains(after.Types.Keys, k => k.StartsWith("http_server_request_duration", StringComparison.Ordinal));
        Assert.Contains(after.Types.Keys, k => k.StartsWith("dotnet_", StringComparison.Ordinal) || k.StartsWith("process_runtime_dotnet_", StringComparison.Ordinal));
        // No label carries a mailbox address.
        Assert.DoesNotContain(after.Samples, s => s.Labels.Values.Any(v => v.Contains('@')));
    }

    [Fact]
    public async Task A_wrong_password_counts_as_an_authentication_error_and_a_failing_mailbox()
    {
        var setup = new MailboxSetup(await Scenario.CreateAsync(observed.Server));
        var env = ("serversync_environment", setup.Scenario.Environment);
        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        await setup.Admin.PatchAsync($"mailboxes({user.MailboxId})", new JsonObject { ["password"] = "not-the-password" });

        var scrape = await Eventually.ValueAsync(async () =>
        {
            var s = await observed.ScrapeAsync();
            return s.Sum("serversync_mailboxes", env, ("serversync_mailbox_state", "failing")) == 1 ? s : null;
        }, "the mailbox counted as failing");
        Assert.True(scrape.Sum("serversync_connector_errors_total", env, ("error_type", "authentication"), ("serversync_error_class", "permanent")) >= 1);
        Assert.Equal(0, scrape.Sum("serversync_mailboxes", env, ("serversync_mailbox_state", "enabled")));
    }

    [Fact]
    public async Task Metrics_need_the_scrape_token()
    {
        using var http = observed.Server.CreateClient();
        var anonymous = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        http.DefaultRequestHeaders.Authorization = new("Bearer", ObservedServer.ScrapeToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        // The API's own bearer tokens are no scrape token.
        var admin = await Api.SignInAsync(observed.Server, ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Http.GetAsync("/metrics")).StatusCode);
    }

    private static MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MailboxAddress.Parse("someone@outside.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = $"Body of {subject}" };
        return message;
    }
}
