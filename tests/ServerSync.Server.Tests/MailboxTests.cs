using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Mailboxes: one per user and queue (rules 10–11), default settings (14), bulk edit rights (13, 15), Test &amp; Enable scheduling, rule 35.</summary>
public abstract class MailboxTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Each_user_and_queue_gets_exactly_one_mailbox_with_org_defaults()
    {
        var scenario = await Scenario.CreateAsync(server);
        var profile = await scenario.CreateImapProfileAsync();
        await scenario.SetDefaultProfileAsync(profile);
        var person = await scenario.AddPersonAsync();
        var (queue, queueMailbox) = await scenario.CreateQueueAsync("support@example.test");

        var userMailboxes = await scenario.Admin.ListAsync($"mailboxes?$filter=_regardingobjectid_value eq {person.SystemUserId}");
        Assert.Equal(person.MailboxId, Assert.Single(userMailboxes)!["mailboxid"]!.GetValue<Guid>());
        var mailbox = await scenario.MailboxAsync(queueMailbox);
        Assert.Equal("support@example.test", mailbox["emailaddress"]!.GetValue<string>());
        Assert.Equal(profile, mailbox["_emailserverprofile_value"]!.GetValue<Guid>());
        Assert.Equal(2, mailbox["incomingemaildeliverymethod"]!.GetValue<int>());
        Assert.Equal(2, mailbox["emailrouteraccessapproval"]!.GetValue<int>()); // pending approval
        Assert.Single(await scenario.Admin.ListAsync($"mailboxes?$filter=_regardingobjectid_value eq {queue}"));

        // Users and queues are not given a second mailbox by hand.
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("mailboxes"), new JsonObject { ["name"] = "Extra" }, HttpStatusCode.BadRequest);
        // The queue's mailbox goes with the queue.
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Delete, scenario.Admin.Data($"queues({queue})")));
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Get, scenario.Admin.Data($"mailboxes({queueMailbox})"), null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Apply_default_email_settings_sets_profile_and_methods_and_schedules_test_and_enable()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();           // created before any profile: no profile on its mailbox
        Assert.Null((await scenario.MailboxAsync(person.MailboxId))["_emailserverprofile_value"]);
        var profile = await scenario.CreateImapProfileAsync();
        await scenario.SetDefaultProfileAsync(profile);

        var result = await scenario.Admin.PostActionAsync("ApplyDefaultEmailSettings", new JsonObject { ["MailboxIds"] = new JsonArray(person.MailboxId, Guid.NewGuid()) });
        var results = result["Results"]!.AsArray();
        Assert.True(results[0]!["Succeeded"]!.GetValue<bool>());
        Assert.False(results[1]!["Succeeded"]!.GetValue<bool>());
        Assert.Equal("0x80040217", results[1]!["ErrorCode"]!.GetValue<string>());

        var mailbox = await scenario.MailboxAsync(person.MailboxId);
        Assert.Equal(profile, mailbox["_emailserverprofile_value"]!.GetValue<Guid>());
        Assert.Equal(2, mailbox["outgoingemaildeliverymethod"]!.GetValue<int>());
        Assert.True(mailbox["testemailconfigurationscheduled"]!.GetValue<bool>());
        var job = await scenario.Admin.GetAsync($"asyncoperations({result["AsyncOperationId"]})");
        Assert.Equal(100001, job["operationtype"]!.GetValue<int>());
        Assert.Contains(person.MailboxId.ToString(), job["data"]!.GetValue<string>());
        Assert.Equal(0, job["statecode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_defaults_without_test_and_enable_schedules_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        var result = await scenario.Admin.PostActionAsync("ApplyDefaultEmailSettings", new JsonObject { ["MailboxIds"] = new JsonArray(person.MailboxId), ["TestAndEnable"] = false });
        Assert.Null(result["AsyncOperationId"]);
        Assert.False((await scenario.MailboxAsync(person.MailboxId))["testemailconfigurationscheduled"]!.GetValue<bool>());
        Assert.Empty(await scenario.Admin.ListAsync("asyncoperations"));
    }

    [Fact]
    public async Task Delivery_methods_need_read_write_on_mailbox_and_admin_rights()
    {
        var scenario = await Scenario.CreateAsync(server);
        var profile = await scenario.CreateImapProfileAsync();
        var basic = await scenario.AddPersonAsync(null, "Basic User");   // Read and Write on own mailbox, no admin role
        var before = await scenario.MailboxAsync(basic.MailboxId);
        var refused = await basic.Api.ExpectErrorAsync(HttpMethod.Patch, basic.Api.Data($"mailboxes({basic.MailboxId})"),
            new JsonObject { ["incomingemaildeliverymethod"] = 0 }, HttpStatusCode.Forbidden);
        Assert.Contains("System Administrator", refused);
        Assert.Equal(before.ToJsonString(), (await scenario.MailboxAsync(basic.MailboxId)).ToJsonString()); // nothing changed

        // Option B (rule 15): the admin edits profile and methods of a set of mailboxes.
        var other = await scenario.AddPersonAsync();
        foreach (var id in new[] { basic.MailboxId, other.MailboxId })
        {
            await scenario.Admin.PatchAsync($"mailboxes({id})", new JsonObject
            {
                ["emailserverprofile@odata.bind"] = $"/emailserverprofiles({profile})",
                ["incomingemaildeliverymethod"] = 2, ["outgoingemaildeliverymethod"] = 2, ["actdeliverymethod"] = 2,
            });
            var mailbox = await scenario.MailboxAsync(id);
            Assert.Equal(profile, mailbox["_emailserverprofile_value"]!.GetValue<Guid>());
            Assert.Equal(2, mailbox["outgoingemaildeliverymethod"]!.GetValue<int>());
        }
        // ACT through server-side sync is refused on an IMAP profile.
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data($"mailboxes({other.MailboxId})"),
            new JsonObject { ["actdeliverymethod"] = 1 }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Basic_user_sees_only_own_mailbox_and_can_set_own_columns()
    {
        var scenario = await Scenario.CreateAsync(server);
        var basic = await scenario.AddPersonAsync(null, "Basic User");
        var other = await scenario.AddPersonAsync();
        var visible = await basic.Api.ListAsync("mailboxes?$select=mailboxid");
        Assert.Equal(basic.MailboxId, Assert.Single(visible)!["mailboxid"]!.GetValue<Guid>());
        await basic.Api.ExpectErrorAsync(HttpMethod.Get, basic.Api.Data($"mailboxes({other.MailboxId})"), null, HttpStatusCode.Forbidden);
        await basic.Api.PatchAsync($"mailboxes({basic.MailboxId})", new JsonObject { ["isactsyncorgflagset"] = true });
        Assert.True((await scenario.MailboxAsync(basic.MailboxId))["isactsyncorgflagset"]!.GetValue<bool>()); // rule 35 is stored
    }

    [Fact]
    public async Task Mailbox_password_is_write_only()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync(null, "Basic User");
        await person.Api.PatchAsync($"mailboxes({person.MailboxId})", new JsonObject
        {
            ["username"] = person.Upn, ["password"] = "mailbox-secret-1", ["allowemailconnectortousecredentials"] = true,
        });
        var mailbox = await scenario.MailboxAsync(person.MailboxId);
        Assert.True(mailbox["ispasswordset"]!.GetValue<bool>());
        Assert.True(mailbox["allowemailconnectortousecredentials"]!.GetValue<bool>());
        Assert.DoesNotContain("mailbox-secret-1", mailbox.ToJsonString());
        await person.Api.PatchAsync($"mailboxes({person.MailboxId})", new JsonObject { ["password"] = null });
        Assert.False((await scenario.MailboxAsync(person.MailboxId))["ispasswordset"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Scheduling_test_and_enable_on_a_mailbox_creates_a_job()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        await scenario.Admin.PatchAsync($"mailboxes({person.MailboxId})", new JsonObject { ["testemailconfigurationscheduled"] = true });
        var job = Assert.Single(await scenario.Admin.ListAsync($"asyncoperations?$filter=_regardingobjectid_value eq {person.MailboxId}"))!;
        Assert.Equal(100001, job["operationtype"]!.GetValue<int>());
    }

    [Fact]
    public async Task Test_and_enable_for_a_profile_is_one_job_over_its_mailboxes()
    {
        var scenario = await Scenario.CreateAsync(server);
        var profile = await scenario.CreateImapProfileAsync();
        await scenario.SetDefaultProfileAsync(profile);
        var a = await scenario.AddPersonAsync();
        var b = await scenario.AddPersonAsync();
        var result = await scenario.Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["EmailServerProfileId"] = profile });
        Assert.Equal(2, result["Results"]!.AsArray().Count);
        var job = await scenario.Admin.GetAsync($"asyncoperations({result["AsyncOperationId"]})");
        Assert.Equal(profile, job["_regardingobjectid_value"]!.GetValue<Guid>());
        Assert.Contains(a.MailboxId.ToString(), job["data"]!.GetValue<string>());
        Assert.Contains(b.MailboxId.ToString(), job["data"]!.GetValue<string>());

        // A mailbox without a profile is reported, not scheduled.
        await scenario.Admin.PatchAsync($"mailboxes({a.MailboxId})", new JsonObject { ["emailserverprofile@odata.bind"] = null });
        var partial = await scenario.Admin.PostActionAsync("TestAndEnableMailboxes", new JsonObject { ["MailboxIds"] = new JsonArray(a.MailboxId, b.MailboxId) });
        Assert.False(partial["Results"]![0]!["Succeeded"]!.GetValue<bool>());
        Assert.True(partial["Results"]![1]!["Succeeded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changing_the_address_on_the_user_updates_the_mailbox_and_resets_approval()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        await scenario.Admin.PatchAsync($"mailboxes({person.MailboxId})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        Assert.Equal(1, (await scenario.Admin.GetAsync($"systemusers({person.SystemUserId})"))["emailrouteraccessapproval"]!.GetValue<int>());
        await scenario.Admin.PatchAsync($"systemusers({person.SystemUserId})", new JsonObject { ["internalemailaddress"] = "renamed@example.test" });
        var mailbox = await scenario.MailboxAsync(person.MailboxId);
        Assert.Equal("renamed@example.test", mailbox["emailaddress"]!.GetValue<string>());
        Assert.Equal(2, mailbox["emailrouteraccessapproval"]!.GetValue<int>());
    }
}

public sealed class MailboxTestsOnSqlite(SqliteServer server) : MailboxTests<SqliteServer>(server);
public sealed class MailboxTestsOnPostgres(PostgresServer server) : MailboxTests<PostgresServer>(server);
