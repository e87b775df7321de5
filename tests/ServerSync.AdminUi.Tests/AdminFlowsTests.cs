using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ServerSync.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>Admin flows the guide walk doesn't take: removing a user's role, adding a team member, deactivating and activating a profile.</summary>
[Collection(AdminCenterCollection.Name)]
public sealed class AdminFlowsTests(AdminCenterFixture fixture)
{
    [Fact]
    public async Task Remove_a_role_add_a_team_member_and_deactivate_then_activate_a_profile()
    {
        var first = fixture.Pages.Count;
        try
        {
            var scenario = await Scenario.CreateAsync(fixture.Server);
            var person = await scenario.AddPersonAsync(null, "Basic User");
            await scenario.CreateImapProfileAsync("Branch IMAP");
            var env = $"/admin/env/{scenario.Environment}";
            var page = await fixture.NewPageAsync();
            await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);

            // Users: remove the Basic User role; the API no longer lists it for the user, and the user can no longer read mailboxes.
            await page.OpenAsync($"{env}/users", "Users and their security roles");
            await Expect(page.Row("user-row", person.Upn)).ToContainTextAsync("Basic User");
            await page.ChooseAsync("assign-user", person.Upn);
            await page.ChooseAsync("assign-role", "Basic User");
            await page.ClickButtonAsync("Remove role");
            await Expect(page.Notice()).ToContainTextAsync($"Basic User removed from {person.Upn}.");
            await Expect(page.Row("user-row", person.Upn)).Not.ToContainTextAsync("Basic User");
            Assert.Empty(await scenario.Admin.ListAsync($"systemusers({person.SystemUserId})/systemuserroles_association"));
            await page.ShotAsync("43-user-role-removed");

            // Teams: a new team gets the person as a member.
            await page.OpenAsync($"{env}/teams", "Teams and their security roles");
            await page.FillFieldAsync("team-name", "Branch office");
            await page.ClickButtonAsync("Create team");
            await Expect(page.Notice()).ToContainTextAsync("Team Branch office created.");
            await page.ChooseAsync("team-pick", "Branch office");
            await page.ChooseAsync("team-member", person.Upn);
            await page.ClickButtonAsync("Add member");
            await Expect(page.Notice()).ToContainTextAsync("Member added.");
            await Expect(page.Row("team-row", "Branch office")).ToContainTextAsync(person.Upn);
            var team = (await scenario.Admin.ListAsync("teams?$filter=name eq 'Branch office'"))[0]!["teamid"]!.GetValue<Guid>();
            Assert.Contains(await scenario.Admin.ListAsync($"teams({team})/teammembership_association"),
                u => u!["systemuserid"]!.GetValue<Guid>() == person.SystemUserId);
            await page.ShotAsync("44-team-member-added");

            // Server profiles: deactivate, find it in the inactive view, activate again.
            await page.OpenAsync($"{env}/profiles", "Email server profiles");
            await page.GetByLabel("Select Branch IMAP").CheckAsync();
            await page.ClickButtonAsync("Deactivate");
            await Expect(page.Notice()).ToContainTextAsync("Profile deactivated.");
            await Expect(page.GetByTestId("profile-row").Filter(new() { HasText = "Branch IMAP" })).ToHaveCountAsync(0);
            Assert.Equal(1, (await ProfileAsync(scenario))["statecode"]!.GetValue<int>());
            await page.ChooseAsync("profile-view", "Inactive email server profiles");
            await Expect(page.Row("profile-row", "Branch IMAP")).ToContainTextAsync("Inactive");
            await page.ShotAsync("45-profile-deactivated");
            await page.GetByLabel("Select Branch IMAP").CheckAsync();
            await page.ClickButtonAsync("Activate");
            await Expect(page.Notice()).ToContainTextAsync("Profile activated.");
            await Expect(page.GetByTestId("profile-row").Filter(new() { HasText = "Branch IMAP" })).ToHaveCountAsync(0);
            await page.ChooseAsync("profile-view", "Active email server profiles");
            await Expect(page.Row("profile-row", "Branch IMAP")).ToContainTextAsync("Active");
            Assert.Equal(0, (await ProfileAsync(scenario))["statecode"]!.GetValue<int>());
            await page.ShotAsync("46-profile-activated");
        }
        catch
        {
            await fixture.ShootAllAsync("flows", first);
            throw;
        }
    }

    private static async Task<JsonObject> ProfileAsync(Scenario scenario) =>
        (JsonObject)(await scenario.Admin.ListAsync("emailserverprofiles?$filter=name eq 'Branch IMAP'&$select=statecode"))[0]!;
}
