using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerSync.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>
/// The Swedish admin guide (seed-connect-exchange-online.sv.txt), end to end, in headless Chromium against the real server
/// with its sync engine: environment, Exchange Online connection, profiles, default, email settings, users and roles,
/// apply defaults, approval by an allowed and a refused user, Test &amp; Enable, background jobs, alerts and monitoring.
/// Every page gets a screenshot in artifacts/screenshots.
/// </summary>
[Collection(AdminCenterCollection.Name)]
public sealed class AdminGuideTests(AdminCenterFixture fixture)
{
    private const string Password = "Person-pass-1234567";
    private const string Env = "/admin/env/contoso";
    private const string Dana = "dana.approver@contoso.test";
    private const string Sam = "sam.sysadmin@contoso.test";
    private const string Pat = "pat.plain@contoso.test";

    private const string NotAllowed = "This email address can only be approved by a user with the Global Administrator or Exchange Administrator role in Office 365 or the Delegated Mailbox Approver role in Dynamics 365.";

    [Fact]
    public async Task The_admin_guide_end_to_end()
    {
        var first = fixture.Pages.Count;
        try
        {
            await GuideAsync();
        }
        catch
        {
            await fixture.ShootAllAsync("guide", first);
            throw;
        }
    }

    private async Task GuideAsync()
    {
        var admin = await fixture.NewPageAsync();
        await admin.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);

        // Tenant overview: directory people, the Exchange Online connection, a new environment.
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Tenant overview" })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("people")).ToContainTextAsync(ServerFixture.AdminUpn);
        await Expect(admin.GetByTestId("exo-state")).ToContainTextAsync("not connected");
        await admin.ShotAsync("01-tenant-overview");

        await admin.FillFieldAsync("exo-tenant", "11111111-2222-3333-4444-555555555555");
        await admin.FillFieldAsync("exo-client", "66666666-7777-8888-9999-000000000000");
        await admin.FillFieldAsync("exo-secret", "tenant-secret-value");
        await admin.ClickButtonAsync("Save connection");
        await Expect(admin.Notice()).ToContainTextAsync("The Exchange Online connection is saved.");
        await Expect(admin.GetByTestId("exo-state")).ToContainTextAsync("Client secretSet");
        Assert.DoesNotContain("tenant-secret-value", await admin.ContentAsync());

        foreach (var (upn, name) in new[] { (Dana, "Dana Approver"), (Sam, "Sam Sysadmin"), (Pat, "Pat Plain") })
        {
            await admin.FillFieldAsync("person-upn", upn);
            await admin.FillFieldAsync("person-name", name);
            await admin.FillFieldAsync("person-password", Password);
            await admin.ClickButtonAsync("Add user");
            await Expect(admin.Notice()).ToContainTextAsync($"Added {upn} to the directory.");
        }
        await Expect(admin.GetByTestId("people")).ToContainTextAsync(Pat);

        await admin.FillFieldAsync("env-name", "contoso");
        await admin.FillFieldAsync("env-display", "Contoso");
        await admin.ClickButtonAsync("Create environment");
        await Expect(admin.Notice()).ToContainTextAsync("Environment contoso created.");
        await Expect(admin.GetByTestId("environments")).ToContainTextAsync("Contoso");
        await admin.ShotAsync("02-tenant-overview-connected");

        // Environment picker.
        await admin.OpenAsync("/admin/environments", "Choose an environment");
        await Expect(admin.GetByTestId("environment-list")).ToContainTextAsync("/contoso/api/data/v9.2/");
        await admin.ShotAsync("03-environments");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Contoso", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Server-side synchronization monitoring" })).ToBeVisibleAsync();

        // Users + security roles: the people join the environment; roles as the guide needs them.
        await admin.OpenAsync($"{Env}/users", "Users and their security roles");
        foreach (var upn in new[] { Dana, Sam, Pat })
        {
            await admin.FillFieldAsync("add-user-upn", upn);
            await admin.ClickButtonAsync("Add user");
            await Expect(admin.Notice()).ToContainTextAsync($"{upn} added to the environment.");
        }
        foreach (var (upn, role) in new[] { (Dana, "System Administrator"), (Dana, "Delegated Mailbox Approver"), (Sam, "System Administrator"), (Pat, "Basic User") })
        {
            await admin.ChooseAsync("assign-user", upn);
            await admin.ChooseAsync("assign-role", role);
            await admin.ClickButtonAsync("Assign role");
            await Expect(admin.Notice()).ToContainTextAsync($"{role} assigned to {upn}.");
        }
        await Expect(admin.Row("user-row", Dana)).ToContainTextAsync("Delegated Mailbox Approver, System Administrator");
        await Expect(admin.Row("user-row", Pat)).ToContainTextAsync("Basic User");
        await admin.ShotAsync("04-users");

        // Teams: the Delegated Mailbox Approver role can't go to a team; the refusal shows as the API says it.
        await admin.OpenAsync($"{Env}/teams", "Teams and their security roles");
        await admin.FillFieldAsync("team-name", "Approvers");
        await admin.ClickButtonAsync("Create team");
        await Expect(admin.Notice()).ToContainTextAsync("Team Approvers created.");
        await admin.ChooseAsync("team-pick", "Approvers");
        await admin.ChooseAsync("team-role", "Delegated Mailbox Approver");
        await admin.ClickButtonAsync("Assign role to team");
        await Expect(admin.Error()).ToContainTextAsync("The Delegated Mailbox Approver role can't be assigned to a team.");
        await admin.ShotAsync("05-teams-refusal");

        // Server profiles: the tenant connection brought "Microsoft Exchange Online"; add an Exchange Online and an IMAP profile.
        await admin.OpenAsync($"{Env}/profiles", "Email server profiles");
        await Expect(admin.Row("profile-row", "Microsoft Exchange Online")).ToContainTextAsync("★ Default");
        await admin.GetByRole(AriaRole.Link, new() { Name = "New server profile" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "New email server profile" })).ToBeVisibleAsync();
        await admin.FillFieldAsync("profile-name", "Contoso Exchange Online");
        await admin.TickAsync("profile-default");
        await Expect(admin.Locator("#exo-tenant-id")).ToHaveCountAsync(0); // same tenant: no tenant id asked
        await admin.ChooseAsync("auth-type", "OAuth (Cross Tenant)");
        await Expect(admin.Locator("#exo-tenant-id")).ToBeVisibleAsync(); // the fields follow the authentication type
        await admin.ChooseAsync("auth-type", "Server-to-Server Authentication (Same Tenant)");
        await admin.ShotAsync("06-profile-new-exchange-online");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Profile Contoso Exchange Online saved.");
        await Expect(admin).ToHaveURLAsync(new Regex("/profiles/[0-9a-f-]{36}"));

        var closedPort = ServerProcess.FreePort(); // nothing listens there: Test & Enable must fail and say so
        await admin.OpenAsync($"{Env}/profiles/new", "New email server profile");
        await admin.ChooseAsync("server-type", "IMAP/SMTP Server");
        await Expect(admin.Locator("#outgoing-location")).ToBeVisibleAsync(); // IMAP has incoming and outgoing servers
        await admin.FillFieldAsync("profile-name", "Contoso IMAP");
        await admin.ChooseAsync("auth-type", "Credentials Specified by a User or Queue");
        await admin.FillFieldAsync("incoming-location", "127.0.0.1");
        await admin.FillFieldAsync("incoming-port", closedPort.ToString());
        await admin.FillFieldAsync("outgoing-location", "127.0.0.1");
        await admin.FillFieldAsync("outgoing-port", closedPort.ToString());
        await admin.ShotAsync("07-profile-new-imap");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Profile Contoso IMAP saved.");

        await admin.OpenAsync($"{Env}/profiles", "Email server profiles");
        await Expect(admin.Row("profile-row", "Contoso Exchange Online")).ToContainTextAsync("★ Default");
        await Expect(admin.Row("profile-row", "Contoso IMAP")).ToContainTextAsync("IMAP/SMTP Server");
        await admin.GetByLabel("Select Contoso IMAP").CheckAsync();
        await admin.ClickButtonAsync("Set as default");
        await Expect(admin.Notice()).ToContainTextAsync("Contoso IMAP is now the default profile for new mailboxes.");
        await Expect(admin.Row("profile-row", "Contoso IMAP")).ToContainTextAsync("★ Default");
        await admin.ShotAsync("08-profiles");

        // Email settings, as the guide sets them: Exchange Online profile, server-side sync for everything.
        await admin.OpenAsync($"{Env}/email-settings", "Email settings");
        await admin.ChooseAsync("default-profile", "Contoso Exchange Online");
        await admin.ChooseAsync("default-incoming", "Server-Side Synchronization or Email Router");
        await admin.ChooseAsync("default-outgoing", "Server-Side Synchronization or Email Router");
        await admin.ChooseAsync("default-act", "Server-Side Synchronization");
        await admin.TickAsync("alerts-warnings");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Email settings saved.");
        await admin.ReloadAsync();
        await Expect(admin.Locator("#alerts-warnings")).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(admin.Locator("#default-profile")).ToHaveAttributeAsync("current-value", new Regex("[0-9a-f-]{36}"));
        await admin.ShotAsync("09-email-settings");
        await admin.OpenAsync($"{Env}/profiles", "Email server profiles");
        await Expect(admin.Row("profile-row", "Contoso Exchange Online")).ToContainTextAsync("★ Default");

        // Mailboxes: search, sort, select all, apply the default email settings (Test & Enable follows, rule 14).
        await admin.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await admin.FillFieldAsync("mailbox-search", "contoso.test");
        await admin.ClickButtonAsync("Search");
        await Expect(admin.GetByTestId("page-info")).ToContainTextAsync("3 mailboxes");
        await Expect(admin.GetByTestId("mailbox-row").First).ToContainTextAsync("Dana Approver");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Name", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("mailbox-row").First).ToContainTextAsync("Sam Sysadmin");
        await admin.GetByLabel("Select all mailboxes on this page").CheckAsync();
        await Expect(admin.GetByTestId("selection")).ToHaveTextAsync("3 selected");
        await admin.ClickButtonAsync("Apply default email settings");
        await Expect(admin.GetByTestId("confirm")).ToContainTextAsync("Contoso Exchange Online");
        await admin.ShotAsync("10-mailboxes-apply-defaults-confirm");
        await admin.ClickButtonAsync("OK");
        await Expect(admin.GetByTestId("results")).ToContainTextAsync("3 of 3 succeeded.");
        await Expect(admin.GetByTestId("results")).ToContainTextAsync("Default email settings applied; Test & Enable scheduled.");
        await Expect(admin.Row("mailbox-row", "Pat Plain")).ToContainTextAsync("Contoso Exchange Online");
        await admin.ShotAsync("11-mailboxes-defaults-applied");

        // Approve as an allowed user: Delegated Mailbox Approver + System Administrator (Exchange Online row of the table).
        var dana = await fixture.NewPageAsync();
        await dana.SignInAsync(Dana, Password);
        await dana.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await dana.GetByLabel("Select Pat Plain").CheckAsync();
        await dana.ClickButtonAsync("Approve email");
        await dana.ClickButtonAsync("OK");
        await Expect(dana.GetByTestId("results")).ToContainTextAsync("Email address approved.");
        await Expect(dana.Row("mailbox-row", "Pat Plain")).ToContainTextAsync("Approved");
        await dana.ShotAsync("12-approve-allowed");

        // Approve as a refused user: System Administrator alone may not approve an Exchange Online mailbox.
        var sam = await fixture.NewPageAsync();
        await sam.SignInAsync(Sam, Password);
        await sam.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await sam.GetByLabel("Select Dana Approver").CheckAsync();
        await sam.ClickButtonAsync("Approve email");
        await sam.ClickButtonAsync("OK");
        await Expect(sam.GetByTestId("results")).ToContainTextAsync("0 of 1 succeeded.");
        await Expect(sam.Row("result-row", "Dana Approver")).ToContainTextAsync(NotAllowed);
        await Expect(sam.Row("result-row", "Dana Approver")).ToContainTextAsync("0x80040220");
        await Expect(sam.Row("mailbox-row", "Dana Approver")).ToContainTextAsync("Pending Approval");
        await sam.ShotAsync("13-approve-refused");
        // …nor give the Delegated Mailbox Approver role (only Global or Exchange administrators can).
        await sam.OpenAsync($"{Env}/users", "Users and their security roles");
        await sam.ChooseAsync("assign-user", Pat);
        await sam.ChooseAsync("assign-role", "Delegated Mailbox Approver");
        await sam.ClickButtonAsync("Assign role");
        await Expect(sam.Error()).ToContainTextAsync("You must be an Office 365 Global Administrator or an Exchange Administrator to assign the Delegated Mailbox Approver role.");
        await sam.ShotAsync("14-assign-delegated-approver-refused");

        // Rule 18: a plain user without the privilege doesn't see Approve email while self-approval needs no privilege.
        var pat = await fixture.NewPageAsync();
        await pat.SignInAsync(Pat, Password);
        await pat.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await Expect(pat.GetByTestId("page-info")).ToContainTextAsync("1 mailboxes"); // Basic depth: only their own
        await Expect(pat.Button("Test & Enable mailboxes")).ToBeVisibleAsync();
        await Expect(pat.Button("Approve email")).ToHaveCountAsync(0);
        await pat.ShotAsync("15-plain-user-no-approve");
        await admin.OpenAsync($"{Env}/email-settings", "Email settings");
        await admin.TickAsync("self-approve-privilege");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Email settings saved.");
        await pat.ReloadAsync();
        await Expect(pat.Button("Approve email")).ToBeVisibleAsync();

        // Multi-record edit to the IMAP profile, approval, then Test & Enable: the engine tries the server and fails.
        await admin.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await admin.FillFieldAsync("mailbox-search", "Dana");
        await admin.ClickButtonAsync("Search");
        await Expect(admin.GetByTestId("page-info")).ToContainTextAsync("1 mailboxes");
        await admin.GetByLabel("Select Dana Approver").CheckAsync();
        await admin.ClickButtonAsync("Edit");
        await admin.ChooseAsync("edit-profile", "Contoso IMAP");
        await admin.ChooseAsync("edit-act", "None");
        await admin.ShotAsync("16-mailboxes-edit");
        await admin.ClickButtonAsync("Change");
        await Expect(admin.GetByTestId("results")).ToContainTextAsync("1 of 1 succeeded.");
        await Expect(admin.Row("mailbox-row", "Dana Approver")).ToContainTextAsync("Contoso IMAP");
        await admin.ClickButtonAsync("Approve email");
        await admin.ClickButtonAsync("OK");
        await Expect(admin.GetByTestId("results")).ToContainTextAsync("Email address approved.");

        // The IMAP profile uses each mailbox's own credentials: set them on the mailbox form; the password is write-only.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Dana Approver" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Mailbox: Dana Approver" })).ToBeVisibleAsync();
        await admin.TickAsync("mailbox-allowcreds");
        await admin.FillFieldAsync("mailbox-username", "dana");
        await admin.FillFieldAsync("mailbox-password", "mailbox-secret-value");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Mailbox saved.");
        await Expect(admin.GetByText("Password (set; type to replace)")).ToBeVisibleAsync();
        Assert.Empty(await admin.Locator("#mailbox-password input").InputValueAsync());
        Assert.DoesNotContain("mailbox-secret-value", await admin.ContentAsync());

        await admin.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await admin.FillFieldAsync("mailbox-search", "Dana");
        await admin.ClickButtonAsync("Search");
        await Expect(admin.GetByTestId("page-info")).ToContainTextAsync("1 mailboxes");
        await admin.GetByLabel("Select Dana Approver").CheckAsync();
        await admin.ClickButtonAsync("Test & Enable mailboxes");
        await admin.ClickButtonAsync("OK");
        await Expect(admin.GetByTestId("results")).ToContainTextAsync("Test & Enable scheduled.");
        await admin.ShotAsync("17-mailboxes-test-and-enable");

        await admin.GetByRole(AriaRole.Link, new() { Name = "follow it on Background jobs" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Background jobs" })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("job-row").First).ToContainTextAsync("0 of 1 mailboxes tested and enabled.", new() { Timeout = 60_000 });
        await Expect(admin.GetByTestId("job-row").First).ToContainTextAsync("Completed");
        await Expect(admin.GetByTestId("job-row").First).ToContainTextAsync("100 %");
        await admin.ShotAsync("18-background-jobs");

        // The mailbox form: status columns, the Alerts tab with the failure, "Sync items with Exchange from this org only".
        await admin.OpenAsync($"{Env}/mailboxes", "Active mailboxes");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Dana Approver" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Mailbox: Dana Approver" })).ToBeVisibleAsync();
        await admin.TickAsync("mailbox-actsyncorg");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.Notice()).ToContainTextAsync("Mailbox saved.");
        await admin.ReloadAsync();
        await Expect(admin.Locator("#mailbox-actsyncorg")).ToHaveAttributeAsync("aria-checked", "true");
        await admin.ShotAsync("19-mailbox-form");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Configuration test results" }).ClickAsync();
        await Expect(admin.GetByTestId("mailbox-status")).ToContainTextAsync("Incoming email statusFailure");
        await Expect(admin.GetByTestId("mailbox-status")).ToContainTextAsync("Email address statusApproved");
        await admin.ShotAsync("20-mailbox-status");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Alerts" }).ClickAsync();
        var alert = admin.Row("alert-row", "Test & Enable of mailbox Dana Approver failed: The incoming email server");
        await Expect(alert).ToContainTextAsync("Error");
        Assert.Contains($"127.0.0.1:{closedPort}", await alert.First.InnerTextAsync()); // it really tried the server that isn't there
        await admin.ShotAsync("21-mailbox-alerts");

        // Test & Enable Mailboxes for every mailbox of a profile (one background job).
        await admin.OpenAsync($"{Env}/profiles", "Email server profiles");
        await admin.GetByLabel("Select Contoso Exchange Online").CheckAsync();
        await admin.ClickButtonAsync("Test & Enable Mailboxes");
        await Expect(admin.GetByTestId("confirm")).ToContainTextAsync("Contoso Exchange Online");
        await admin.ClickButtonAsync("OK");
        await Expect(admin.Row("result-row", "Pat Plain")).ToContainTextAsync("Test & Enable scheduled.");
        await admin.ShotAsync("22-profile-test-and-enable");

        // Monitoring: status and error classes drill down to the mailboxes behind the numbers.
        await admin.OpenAsync($"{Env}/dashboard", "Server-side synchronization monitoring");
        await Expect(admin.Row("failing-row", "Dana Approver")).ToContainTextAsync("The incoming email server");
        await Expect(admin.Row("profile-health-row", "Contoso IMAP")).ToContainTextAsync("1");
        await Expect(admin.Locator("#by-status-plot .main-svg").First).ToBeVisibleAsync(); // plotly.js has drawn the chart
        await admin.ShotAsync("23-monitoring");
        await admin.GetByTestId("by-status").GetByRole(AriaRole.Listitem, new() { NameRegex = new Regex("^Failure: [1-9]") }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("mailboxstatus=2"));
        await Expect(admin.GetByTestId("filter")).ToContainTextAsync("mailbox status is Failure");
        await Expect(admin.Row("mailbox-row", "Dana Approver")).ToContainTextAsync("Failure");
        await admin.ShotAsync("24-monitoring-drilldown");

        // Security roles: the privilege editor, with Approve Email Addresses for Users or Queues.
        await admin.OpenAsync($"{Env}/roles", "Security roles");
        await admin.FillFieldAsync("role-name", "Mailbox approvers");
        await admin.ClickButtonAsync("Create role");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Security role: Mailbox approvers" })).ToBeVisibleAsync();
        await admin.Locator("#prv-prvApproveRejectEmailAddress").SelectOptionAsync(new SelectOptionValue { Label = "Organization" });
        await admin.Locator("#prv-prvReadMailbox").SelectOptionAsync(new SelectOptionValue { Label = "Business Unit" });
        await admin.ClickButtonAsync("Save privileges");
        await Expect(admin.Notice()).ToContainTextAsync("Privileges saved.");
        await admin.ReloadAsync();
        await Expect(admin.Locator("#prv-prvApproveRejectEmailAddress")).ToHaveValueAsync("Global");
        await Expect(admin.Locator("#prv-prvReadMailbox")).ToHaveValueAsync("Local");
        await admin.ShotAsync("25-role-privileges");

        // About.
        await admin.OpenAsync("/admin/about", "About ServerSync");
        await Expect(admin.GetByTestId("version")).ToHaveTextAsync(new Regex(@"^\d+\.\d+\.\d+"));
        await admin.ShotAsync("26-about");

        // Sign out ends the UI session.
        await admin.ClickButtonAsync("Sign out");
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/signin"));
        await admin.GotoAsync($"{Env}/mailboxes");
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/signin\\?returnUrl="));
    }
}
