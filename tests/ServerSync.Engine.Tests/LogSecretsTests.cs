using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// A whole run's log, every category at Information in the opt-in JSON format: a sync with known secrets (passwords, a client
/// secret, tokens, the key encryption key, the scrape token), right and wrong, and none of them in any line.
/// </summary>
public sealed class LogSecretsTests(ObservedServer observed) : IClassFixture<ObservedServer>
{
    private const string ExchangeSecret = "exo-secret-7d41c0e2a9";
    private const string WrongSignIn = "Wrong-sign-in-pass-4417";
    private const string WrongMailboxPassword = "wrong-mailbox-pass-9921";

    [Fact]
    public async Task No_secret_set_or_tried_during_a_sync_appears_in_any_log_line()
    {
        var server = observed.Server;
        var setup = new MailboxSetup(await Scenario.CreateAsync(server));
        var adminToken = setup.Admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await setup.Admin.AdminAsync(HttpMethod.Put, "/api/admin/exchange-online", new JsonObject
        {
            ["tenantId"] = "11111111-2222-3333-4444-555555555555", ["clientId"] = "66666666-7777-8888-9999-000000000000",
            ["clientSecret"] = ExchangeSecret, ["cloud"] = "Global",
        }, HttpStatusCode.OK);
        var app = (await setup.Admin.AdminAsync(HttpMethod.Post, "/api/admin/applications", new JsonObject { ["displayName"] = "Log test" }, HttpStatusCode.Created))!;
        using var http = server.CreateClient();
        var clientSecret = app["clientSecret"]!.GetValue<string>();
        var appToken = await Api.RequestTokenAsync(http, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = app["clientId"]!.GetValue<string>(), ["client_secret"] = clientSecret,
        });
        var refused = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = ServerFixture.AdminUpn, ["password"] = WrongSignIn,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var user = await setup.UserAsync(await setup.ImapProfileAsync());
        await setup.TestAndEnableAsync(user.MailboxId);
        var message = new MimeMessage { Subject = "Secrets stay out", MessageId = $"{Guid.NewGuid():N}@sender.test" };
        message.From.Add(MailboxAddress.Parse("someone@outside.test"));
        message.To.Add(MailboxAddress.Parse(user.Address));
        message.Body = new TextPart("plain") { Text = "Hello." };
        await setup.Mail.DeliverAsync(message);
        await setup.EmailByMessageIdAsync(message.MessageId);
        var draft = await setup.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Out", ["description"] = "<p>Out.</p>", ["ownerid@odata.bind"] = $"/systemusers({user.Id})",
            ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 2, ["addressused"] = await setup.Mail.AddUserAsync("r") }),
        });
        var id = draft["activityid"]!.GetValue<Guid>();
        await setup.Admin.PostActionAsync($"emails({id})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
        await Eventually.TrueAsync(async () => (await setup.Admin.GetAsync($"emails({id})"))["statuscode"]!.GetValue<int>() == 3, "the email to be sent");
        await observed.ScrapeAsync();

        // A wrong mailbox password: the next cycle's login fails and is logged.
        await setup.Admin.PatchAsync($"mailboxes({user.MailboxId})", new JsonObject { ["password"] = WrongMailboxPassword });
        await Eventually.TrueAsync(async () => (await setup.MailboxAsync(user.MailboxId))["enabledforincomingemail"]!.GetValue<bool>() == false,
            "the cycle with the wrong password");
        await Eventually.TrueAsync(() => Task.FromResult(server.Output.Any(l => l.Contains(user.MailboxId.ToString()) && l.Contains("Receiving"))),
            "the failed receive in the log");

        var log = server.Output.ToList();
        var secrets = new[]
        {
            ServerFixture.AdminPassword, Scenario.PersonPassword, MailStack.PasswordOf(user.Address), WrongSignIn, WrongMailboxPassword,
            ExchangeSecret, clientSecret, adminToken, appToken, ObservedServer.ScrapeToken, ServerFixture.KeyEncryptionKey,
        };
        foreach (var secret in secrets)
            Assert.Null(log.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal)));

        // The opt-in JSON format: every line one JSON object; the engine's lines carry the trace id of their cycle.
        var entries = log.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var failedReceive = entries.FirstOrDefault(e => e["Category"]!.GetValue<string>() == "ServerSync.Engine.Scheduling.MailboxCycle"
            && e["Message"]!.GetValue<string>().Contains(user.MailboxId.ToString()));
        Assert.NotNull(failedReceive);
        Assert.Contains(failedReceive["Scopes"]!.AsArray(), s => s is JsonObject scope && scope["TraceId"]?.GetValue<string>() is { Length: 32 });
    }
}
