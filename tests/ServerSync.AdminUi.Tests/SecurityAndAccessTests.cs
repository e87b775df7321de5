using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerSync.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>Sign-in, the cookie's reach, antiforgery, keyboard use and a narrow window.</summary>
[Collection(AdminCenterCollection.Name)]
public sealed class SecurityAndAccessTests(AdminCenterFixture fixture)
{
    private async Task Guard(string name, Func<Task> body)
    {
        var first = fixture.Pages.Count;
        try { await body(); }
        catch
        {
            await fixture.ShootAllAsync(name, first);
            throw;
        }
    }

    [Fact]
    public Task A_wrong_password_is_refused_with_the_token_endpoints_message() => Guard("wrong-password", async () =>
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/admin/env/contoso/mailboxes");
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/signin\?returnUrl=%2Fadmin%2Fenv%2Fcontoso%2Fmailboxes"));
        await page.GetByLabel("User name").FillAsync(ServerFixture.AdminUpn);
        await page.GetByLabel("Password").FillAsync("not-the-password-123");
        await page.ClickButtonAsync("Sign in");
        await Expect(page.Error()).ToContainTextAsync("The user name or password is incorrect.");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(""); // never rendered back
        await page.ShotAsync("00-sign-in-refused");
    });

    [Fact]
    public Task Admin_pages_refuse_framing_and_run_under_a_content_security_policy_that_lets_the_ui_and_its_charts_work() => Guard("headers", async () =>
    {
        var scenario = await Scenario.CreateAsync(fixture.Server);
        await scenario.CreateImapProfileAsync(); // a profile, so the health chart is drawn
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) violations.Add(message.Text); };
        var signIn = (await page.GotoAsync("/admin/signin"))!;
        Assert.Equal("DENY", await signIn.HeaderValueAsync("x-frame-options"));
        Assert.Contains("frame-ancestors 'none'", await signIn.HeaderValueAsync("content-security-policy"));
        Assert.Contains("script-src 'self'", await signIn.HeaderValueAsync("content-security-policy"));
        await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenant overview" })).ToBeVisibleAsync();
        var signedIn = await page.ReloadAsync();
        Assert.Equal("DENY", await signedIn!.HeaderValueAsync("x-frame-options"));
        await page.OpenAsync($"/admin/env/{scenario.Environment}/dashboard", "Server-side synchronization monitoring");
        await Expect(page.Locator("#profile-health-plot .main-svg").First).ToBeVisibleAsync(); // plotly.js ran
        await page.OpenAsync($"/admin/env/{scenario.Environment}/profiles", "Email server profiles");
        Assert.Empty(violations);
    });

    [Fact]
    public Task The_ui_cookie_opens_no_api_and_sign_out_needs_the_antiforgery_token() => Guard("cookie", async () =>
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenant overview" })).ToBeVisibleAsync();
        var cookies = await page.Context.CookiesAsync();
        var cookie = Assert.Single(cookies, c => c.Name == "ServerSync.Admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("eyJ", cookie.Value); // the token inside is encrypted, not a readable JWT

        // The browser's requests carry the cookie, yet the API answers only to bearer tokens.
        var request = page.Context.APIRequest;
        Assert.Equal((int)HttpStatusCode.Unauthorized, (await request.GetAsync("/api/admin/users")).Status);
        Assert.Equal((int)HttpStatusCode.Unauthorized, (await request.PostAsync("/api/admin/environments",
            new() { DataObject = new { name = "forged", displayName = "Forged" } })).Status);
        // A cross-site form post to sign-out without the antiforgery token is refused; the session stays.
        Assert.Equal((int)HttpStatusCode.BadRequest, (await request.PostAsync("/admin/signout", new() { Form = request.CreateFormData() })).Status);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(ServerFixture.AdminUpn);
    });

    [Fact]
    public Task Keyboard_reaches_the_content_and_a_narrow_window_stays_readable() => Guard("keyboard", async () =>
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        await page.OpenAsync("/admin/about", "About ServerSync");
        // After a navigation, focus lands on the page's heading (screen readers announce the new page)…
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About ServerSync", Level = 1 })).ToBeFocusedAsync();
        // …and the first stop of the Tab order is the skip link, which jumps over header and navigation.
        var first = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]')].find(e => e.tabIndex >= 0)?.textContent");
        Assert.Equal("Skip to content", first);
        await page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#content$"));

        // The sign-in form works from the keyboard alone.
        var keys = await fixture.NewPageAsync();
        await keys.GotoAsync("/admin/signin");
        await keys.GetByLabel("User name").FocusAsync();
        await keys.Keyboard.TypeAsync(ServerFixture.AdminUpn);
        await keys.Keyboard.PressAsync("Tab");
        await keys.Keyboard.TypeAsync(ServerFixture.AdminPassword);
        await keys.Keyboard.PressAsync("Enter");
        await Expect(keys.GetByRole(AriaRole.Heading, new() { Name = "Tenant overview" })).ToBeVisibleAsync();

        var scenario = await Scenario.CreateAsync(fixture.Server);
        var narrow = await fixture.NewPageAsync(390, 844);
        await narrow.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        await Expect(narrow.GetByRole(AriaRole.Heading, new() { Name = "Tenant overview" })).ToBeVisibleAsync();
        var overflow = await narrow.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var culprits = await narrow.EvaluateAsync<string>(@"() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 6).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).join(' ')");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 390px window: {culprits}");
        await narrow.ShotAsync("27-narrow-tenant-overview");
        // A command from the keyboard only: type a name, Tab to the button, Enter.
        await narrow.OpenAsync("/admin/environments", "Choose an environment");
        await narrow.Locator("#open-env input").FocusAsync();
        await narrow.Keyboard.TypeAsync(scenario.Environment);
        await narrow.Keyboard.PressAsync("Tab");
        await narrow.Keyboard.PressAsync("Enter");
        await Expect(narrow).ToHaveURLAsync(new Regex($"/admin/env/{scenario.Environment}/mailboxes$"));
        await Expect(narrow.GetByRole(AriaRole.Heading, new() { Name = "Active mailboxes" })).ToBeVisibleAsync();
        await Expect(narrow.GetByTestId("page-info")).ToContainTextAsync("mailboxes");
        await narrow.ShotAsync("28-narrow-mailboxes");
        // On a narrow window the navigation folds behind the Menu button.
        await Expect(narrow.GetByRole(AriaRole.Link, new() { Name = "Background jobs" })).ToBeHiddenAsync();
        await narrow.ClickButtonAsync("Menu");
        await Expect(narrow.Button("Menu")).ToHaveAttributeAsync("aria-expanded", "true");
        await narrow.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
        await Expect(narrow.GetByRole(AriaRole.Heading, new() { Name = "Background jobs" })).ToBeVisibleAsync();
        await Expect(narrow.GetByRole(AriaRole.Link, new() { Name = "Background jobs" })).ToBeHiddenAsync();
        await narrow.OpenAsync("/admin/about", "About ServerSync");
        await narrow.ShotAsync("29-narrow-about");
    });
}
