using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Approving email addresses through the API: rules 16–29 and the "only column" rule of the Swedish seed.</summary>
public abstract class ApprovalTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private const string NotAllowed = "This email address can only be approved by a user with the Global Administrator or Exchange Administrator role in Office 365 or the Delegated Mailbox Approver role in Dynamics 365.";

    [Fact]
    public async Task Approval_must_be_the_only_column_in_the_request_and_a_refusal_changes_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var (_, mailbox) = await scenario.CreateQueueAsync();
        var before = await scenario.MailboxAsync(mailbox);
        var message = await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data($"mailboxes({mailbox})"),
            new JsonObject { ["emailrouteraccessapproval"] = 1, ["name"] = "Renamed" }, HttpStatusCode.BadRequest, "0x80040203");
        Assert.Contains("emailrouteraccessapproval must be the only column", message);
        Assert.Contains("name", message);
        Assert.Equal(before.ToJsonString(), (await scenario.MailboxAsync(mailbox)).ToJsonString());

        await scenario.Admin.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        Assert.Equal(1, (await scenario.MailboxAsync(mailbox))["emailrouteraccessapproval"]!.GetValue<int>());
    }

    [Fact]
    public async Task Exchange_online_mailbox_needs_global_or_exchange_admin_or_delegated_approver()
    {
        var scenario = await Scenario.CreateAsync(server, exchangeOnline: true);
        var (_, mailbox) = await scenario.CreateQueueAsync();
        var systemAdminOnly = await scenario.AddPersonAsync(null, "System Administrator");
        var message = await systemAdminOnly.Api.ExpectErrorAsync(HttpMethod.Patch, systemAdminOnly.Api.Data($"mailboxes({mailbox})"),
            new JsonObject { ["emailrouteraccessapproval"] = 1 }, HttpStatusCode.Forbidden);
        Assert.Equal(NotAllowed, message);
        Assert.Equal(2, (await scenario.MailboxAsync(mailbox))["emailrouteraccessapproval"]!.GetValue<int>());

        var exchangeAdmin = await scenario.AddPersonAsync(["ExchangeAdministrator"], "System Administrator");
        await exchangeAdmin.Api.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        var approved = await scenario.MailboxAsync(mailbox);
        Assert.Equal(1, approved["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.True(approved["isemailaddressapprovedbyo365admin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Delegated_mailbox_approver_assignment_rules_and_use()
    {
        var scenario = await Scenario.CreateAsync(server, exchangeOnline: true);
        var (_, mailbox) = await scenario.CreateQueueAsync();
        var delegate_ = await scenario.AddPersonAsync(null, "System Administrator");
        var plainAdmin = await scenario.AddPersonAsync(null, "System Administrator");

        // Rule 20: a System Administrator who is not a Global or Exchange admin can't give the role.
        var roleId = await scenario.RoleIdAsync("Delegated Mailbox Approver");
        var refused = await plainAdmin.Api.ExpectErrorAsync(HttpMethod.Post, plainAdmin.Api.Data($"systemusers({delegate_.SystemUserId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({roleId})" }, HttpStatusCode.Forbidden, "0x80090904");
        Assert.Equal("You must be an Office 365 Global Administrator or an Exchange Administrator to assign the Delegated Mailbox Approver role.", refused);

        // Rule 21: never to a team.
        var team = await scenario.Admin.CreateAsync("teams", new JsonObject { ["name"] = "Approvers" });
        var teamRefused = await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data($"teams({team["teamid"]})/teamroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"roles({roleId})" }, HttpStatusCode.BadRequest, "0x80090905");
        Assert.Equal("The Delegated Mailbox Approver role can't be assigned to a team.", teamRefused);
        Assert.Empty(await scenario.Admin.ListAsync($"teams({team["teamid"]})/teamroles_association"));

        // Rule 19: the Global admin gives it; the holder (with System Administrator) approves.
        await scenario.GiveRoleAsync(scenario.Admin, delegate_.SystemUserId, "Delegated Mailbox Approver");
        await delegate_.Api.PatchAsync($"mailboxes({mailbox})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        var approved = await scenario.MailboxAsync(mailbox);
        Assert.Equal(1, approved["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.False(approved["isemailaddressapprovedbyo365admin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Self_approval_and_the_org_setting_that_requires_the_privilege()
    {
        var scenario = await Scenario.CreateAsync(server);
        var user = await scenario.AddPersonAsync(null, "Basic User");
        await user.Api.PatchAsync($"mailboxes({user.MailboxId})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        Assert.Equal(1, (await scenario.MailboxAsync(user.MailboxId))["emailrouteraccessapproval"]!.GetValue<int>());

        // With RequirePrivilegeToSelfApproveEmailAddress on, the same needs the privilege.
        var org = await scenario.OrganizationIdAsync();
        await scenario.Admin.PatchAsync($"organizations({org})", new JsonObject
        {
            ["orgdborgsettings"] = "<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>true</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>",
        });
        var second = await scenario.AddPersonAsync(null, "Basic User");
        await second.Api.ExpectErrorAsync(HttpMethod.Patch, second.Api.Data($"mailboxes({second.MailboxId})"),
            new JsonObject { ["emailrouteraccessapproval"] = 1 }, HttpStatusCode.Forbidden);

        // Rule 26: a System Administrator adds the privilege to a role and gives it.
        var role = await scenario.Admin.CreateAsync("roles", new JsonObject { ["name"] = "Approvers" });
        var privilege = (await scenario.Admin.ListAsync("privileges?$filter=name eq 'prvApproveRejectEmailAddress'"))[0]!["privilegeid"]!.GetValue<Guid>();
        await Api.ExpectAsync(HttpStatusCode.NoContent, await scenario.Admin.SendAsync(HttpMethod.Post, scenario.Admin.Data($"roles({role["roleid"]})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            new JsonObject { ["Privileges"] = new JsonArray(new JsonObject { ["PrivilegeId"] = privilege, ["Depth"] = "Global" }) }));
        await scenario.GiveRoleAsync(scenario.Admin, second.SystemUserId, "Approvers");
        await second.Api.PatchAsync($"mailboxes({second.MailboxId})", new JsonObject { ["emailrouteraccessapproval"] = 1 });
        Assert.Equal(1, (await scenario.MailboxAsync(second.MailboxId))["emailrouteraccessapproval"]!.GetValue<int>());

        // Self-approval never reaches someone else's mailbox.
        await second.Api.ExpectErrorAsync(HttpMethod.Patch, second.Api.Data($"mailboxes({user.MailboxId})"),
            new JsonObject { ["emailrouteraccessapproval"] = 3 }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Test_and_enable_on_own_mailbox_approves_when_rule_17_holds()
    {
        var scenario = await Scenario.CreateAsync(server);
        var user = await scenario.AddPersonAsync(null, "Basic User");
        await user.Api.PatchAsync($"mailboxes({user.MailboxId})", new JsonObject { ["testemailconfigurationscheduled"] = true });
        var mailbox = await scenario.MailboxAsync(user.MailboxId);
        Assert.Equal(1, mailbox["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.True(mailbox["testemailconfigurationscheduled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bulk_approve_reports_each_mailbox()
    {
        var scenario = await Scenario.CreateAsync(server, deploymentModel: "onpremises");
        var (_, first) = await scenario.CreateQueueAsync();
        var (_, second) = await scenario.CreateQueueAsync();
        var missing = Guid.NewGuid();
        var result = await scenario.Admin.PostActionAsync("ApproveEmailAddresses", new JsonObject { ["MailboxIds"] = new JsonArray(first, second, missing) });
        var rows = result["Results"]!.AsArray();
        Assert.Equal([true, true, false], rows.Select(r => r!["Succeeded"]!.GetValue<bool>()));
        Assert.Equal(missing, rows[2]!["MailboxId"]!.GetValue<Guid>());
        Assert.Equal(1, (await scenario.MailboxAsync(first))["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.Equal(1, (await scenario.MailboxAsync(second))["emailrouteraccessapproval"]!.GetValue<int>());

        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("ApproveEmailAddresses"), new JsonObject { ["MailboxIds"] = new JsonArray() }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_approvers_may_stop_requiring_approval()
    {
        var scenario = await Scenario.CreateAsync(server, exchangeOnline: true);
        var org = await scenario.OrganizationIdAsync();
        var systemAdmin = await scenario.AddPersonAsync(null, "System Administrator");
        await systemAdmin.Api.ExpectErrorAsync(HttpMethod.Patch, systemAdmin.Api.Data($"organizations({org})"),
            new JsonObject { ["requireapprovalforuseremail"] = false }, HttpStatusCode.Forbidden);
        Assert.True((await scenario.Admin.ListAsync("organizations"))[0]!["requireapprovalforuseremail"]!.GetValue<bool>());

        await scenario.Admin.PatchAsync($"organizations({org})", new JsonObject { ["requireapprovalforuseremail"] = false, ["requireapprovalforqueueemail"] = false });
        var updated = (await scenario.Admin.ListAsync("organizations"))[0]!;
        Assert.False(updated["requireapprovalforuseremail"]!.GetValue<bool>());
        Assert.False(updated["requireapprovalforqueueemail"]!.GetValue<bool>());
    }
}

public sealed class ApprovalTestsOnSqlite(SqliteServer server) : ApprovalTests<SqliteServer>(server);
public sealed class ApprovalTestsOnPostgres(PostgresServer server) : ApprovalTests<PostgresServer>(server);
