using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Activities;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Email activities on the Web API: drafts with parties (deep insert), attachments, SendEmail.</summary>
public abstract class EmailApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static async Task<Guid> ContactAsync(Scenario scenario, string address) =>
        (await scenario.Admin.CreateAsync("contacts", new JsonObject { ["firstname"] = "Dana", ["lastname"] = "Lee", ["emailaddress1"] = address }))["contactid"]!.GetValue<Guid>();

    private static async Task<Guid> DraftAsync(Scenario scenario, Guid contact) =>
        (await scenario.Admin.CreateAsync("emails", new JsonObject
        {
            ["subject"] = "Quote", ["description"] = "<p>Here is the quote.</p>",
            ["regardingobjectid_contact@odata.bind"] = $"/contacts({contact})",
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = 2, ["partyid_contact@odata.bind"] = $"/contacts({contact})" },
                new JsonObject { ["participationtypemask"] = 3, ["addressused"] = "cc@example.test" }),
        }))["activityid"]!.GetValue<Guid>();

    [Fact]
    public async Task A_description_longer_than_Dataverse_allows_is_refused_and_changes_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario, "long@example.test");
        var draft = await DraftAsync(scenario, contact);
        var tooLong = new string('x', 1_048_577);
        Assert.Contains("description", await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("emails"),
            new JsonObject { ["subject"] = "Too long", ["description"] = tooLong }, HttpStatusCode.BadRequest));
        Assert.Contains("1048576", await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data($"emails({draft})"),
            new JsonObject { ["description"] = tooLong }, HttpStatusCode.BadRequest));
        Assert.Empty(await scenario.Admin.ListAsync("emails?$filter=subject eq 'Too long'"));
        Assert.Equal("<p>Here is the quote.</p>", (await scenario.Admin.GetAsync($"emails({draft})?$select=description"))["description"]!.GetValue<string>());
        // The limit itself is accepted.
        await scenario.Admin.PatchAsync($"emails({draft})", new JsonObject { ["description"] = tooLong[1..] });
    }

    [Fact]
    public async Task Draft_with_parties_is_sent_with_a_stable_message_id_and_tracking_token()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario, "dana@example.test");
        var email = await DraftAsync(scenario, contact);
        var draft = await scenario.Admin.GetAsync($"emails({email})");
        Assert.Equal(1, draft["statuscode"]!.GetValue<int>());
        Assert.Equal(contact, draft["_regardingobjectid_value"]!.GetValue<Guid>());
        Assert.Equal("contact", draft["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        var parties = await scenario.Admin.ListAsync($"emails({email})/email_activity_parties");
        Assert.Equal(2, parties.Count);
        Assert.Contains(parties, p => p!["_partyid_value"]?.GetValue<Guid>() == contact && p["participationtypemask"]!.GetValue<int>() == 2);

        var sent = await scenario.Admin.PostActionAsync($"emails({email})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = true });
        Assert.Equal("Quote", sent["Subject"]!.GetValue<string>());
        var pending = await scenario.Admin.GetAsync($"emails({email})");
        Assert.Equal(6, pending["statuscode"]!.GetValue<int>());
        Assert.Equal(1, pending["statecode"]!.GetValue<int>());
        Assert.Equal($"<{email:N}@serversync>", pending["messageid"]!.GetValue<string>());
        Assert.Matches(@"^CRM:0\d{6}$", pending["trackingtoken"]!.GetValue<string>());

        // Sent (or pending) mail is no longer a draft.
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data($"emails({email})"), new JsonObject { ["subject"] = "changed" }, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data($"emails({email})/Microsoft.Dynamics.CRM.SendEmail"), new JsonObject { ["IssueSend"] = true }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_smart_matching_hash_follows_the_subject_of_a_draft_until_it_is_deleted()
    {
        var scenario = await Scenario.CreateAsync(server);
        var email = await DraftAsync(scenario, await ContactAsync(scenario, "fay@example.test"));
        async Task<EmailHash?> HashAsync()
        {
            using var scope = server.Factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>().EmailHashes.AsNoTracking().SingleOrDefaultAsync(h => h.ActivityId == email);
        }

        Assert.Equal(SubjectNormalizer.Hash("Quote", null), (await HashAsync())!.SubjectHash);
        await scenario.Admin.PatchAsync($"emails({email})", new JsonObject { ["subject"] = "RE: Revised quote" });
        Assert.Equal(SubjectNormalizer.Hash("Revised quote", null), (await HashAsync())!.SubjectHash);
        await scenario.Admin.SendAsync(HttpMethod.Delete, scenario.Admin.Data($"emails({email})"));
        Assert.Null(await HashAsync());
    }

    [Fact]
    public async Task Tracking_tokens_advance_per_email()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario, "erin@example.test");
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var email = await DraftAsync(scenario, contact);
            await scenario.Admin.PostActionAsync($"emails({email})/Microsoft.Dynamics.CRM.SendEmail", new JsonObject { ["IssueSend"] = false });
            var row = await scenario.Admin.GetAsync($"emails({email})");
            Assert.Equal(3, row["statuscode"]!.GetValue<int>()); // IssueSend false: marked Sent
            tokens.Add(row["trackingtoken"]!.GetValue<string>());
        }
        Assert.Equal(["CRM:0001000", "CRM:0001001"], tokens);
    }

    [Fact]
    public async Task Bad_email_requests_are_refused_and_change_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emails"), new JsonObject
        {
            ["subject"] = "x", ["email_activity_parties"] = new JsonArray(new JsonObject { ["addressused"] = "a@example.test" }),
        }, HttpStatusCode.BadRequest);
        await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emails"), new JsonObject
        {
            ["subject"] = "x", ["email_activity_parties"] = new JsonArray(new JsonObject { ["participationtypemask"] = 9, ["addressused"] = "a@example.test" }),
        }, HttpStatusCode.BadRequest, "0x8004431a");
        await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emails"), new JsonObject { ["subject"] = "x", ["statuscode"] = 3 }, HttpStatusCode.BadRequest);
        Assert.Contains("NUL", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("emails"), new JsonObject { ["subject"] = "nul\0inside" }, HttpStatusCode.BadRequest));
        Assert.Empty(await api.ListAsync("emails"));
        Assert.Empty(await api.ListAsync("activityparties"));

        var noRecipients = (await api.CreateAsync("emails", new JsonObject { ["subject"] = "lonely" }))["activityid"]!.GetValue<Guid>();
        Assert.Contains("recipient", await api.ExpectErrorAsync(HttpMethod.Post, api.Data($"emails({noRecipients})/Microsoft.Dynamics.CRM.SendEmail"),
            new JsonObject { ["IssueSend"] = true }, HttpStatusCode.BadRequest));
        Assert.Equal(1, (await api.GetAsync($"emails({noRecipients})"))["statuscode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Attachments_respect_the_organization_limits()
    {
        var scenario = await Scenario.CreateAsync(server);
        var contact = await ContactAsync(scenario, "fay@example.test");
        var email = await DraftAsync(scenario, contact);
        var api = scenario.Admin;
        var file = await api.CreateAsync("activitymimeattachments", new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "quote.pdf", ["mimetype"] = "application/pdf",
            ["body"] = Convert.ToBase64String(new byte[2048]),
        });
        Assert.Equal(2048, file["filesize"]!.GetValue<int>());
        Assert.Equal(1, (await api.GetAsync($"emails({email})"))["attachmentcount"]!.GetValue<int>());
        var content = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        var second = await api.CreateAsync("activitymimeattachments", new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "data.bin", ["body"] = Convert.ToBase64String(content),
        });
        var secondId = second["activitymimeattachmentid"]!.GetValue<Guid>();
        Assert.Equal(Convert.ToBase64String(content), (await api.GetAsync($"activitymimeattachments({secondId})?$select=body,filesize"))["body"]!.GetValue<string>());
        // The body is kept as bytes: the database can't compare its base64, so a filter on it is refused, not a server error.
        Assert.Contains("body", await api.ExpectErrorAsync(HttpMethod.Get, api.Data($"activitymimeattachments?$filter=body eq '{Convert.ToBase64String(content)}'"), null, HttpStatusCode.BadRequest));
        Assert.Contains("base64", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("activitymimeattachments"), new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "notes.txt", ["body"] = "not base64!",
        }, HttpStatusCode.BadRequest));
        Assert.Contains("blocked", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("activitymimeattachments"), new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "run.exe", ["body"] = Convert.ToBase64String(new byte[10]),
        }, HttpStatusCode.BadRequest));
        Assert.Contains("maximum", await api.ExpectErrorAsync(HttpMethod.Post, api.Data("activitymimeattachments"), new JsonObject
        {
            ["objectid_email@odata.bind"] = $"/emails({email})", ["filename"] = "big.bin", ["body"] = Convert.ToBase64String(new byte[5121 * 1024]),
        }, HttpStatusCode.BadRequest));
        Assert.Equal(2, (await api.ListAsync($"activitymimeattachments?$filter=_objectid_value eq {email}")).Count);
    }
}

public sealed class EmailApiTestsOnSqlite(SqliteServer server) : EmailApiTests<SqliteServer>(server);
public sealed class EmailApiTestsOnPostgres(PostgresServer server) : EmailApiTests<PostgresServer>(server);
