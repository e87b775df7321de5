using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerSync.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>The Active Mailboxes grid over more mailboxes than a page: server-side paging, sorting and selection across pages.</summary>
[Collection(AdminCenterCollection.Name)]
public sealed class MailboxGridTests(AdminCenterFixture fixture)
{
    [Fact]
    public async Task Pages_follow_the_apis_next_links_and_the_selection_survives_paging()
    {
        var first = fixture.Pages.Count;
        try
        {
            // Set up through the API: an environment of its own with twelve queues (each has a mailbox) besides the admin's.
            var scenario = await Scenario.CreateAsync(fixture.Server);
            for (var i = 1; i <= 12; i++) await scenario.CreateQueueAsync($"queue{i:00}@paging.test");

            var page = await fixture.NewPageAsync();
            await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
            await page.OpenAsync($"/admin/env/{scenario.Environment}/mailboxes", "Active mailboxes");
            await page.ChooseAsync("page-size", "10");
            await Expect(page.GetByTestId("page-info")).ToHaveTextAsync("Page 1 of 2 · 13 mailboxes");
            await Expect(page.GetByTestId("mailbox-row")).ToHaveCountAsync(10);
            await page.GetByTestId("mailbox-row").First.GetByRole(AriaRole.Checkbox).CheckAsync();

            await page.ClickButtonAsync("Next page");
            await Expect(page.GetByTestId("page-info")).ToHaveTextAsync("Page 2 of 2 · 13 mailboxes");
            await Expect(page.GetByTestId("mailbox-row")).ToHaveCountAsync(3);
            await page.GetByTestId("mailbox-row").Last.GetByRole(AriaRole.Checkbox).CheckAsync();
            await Expect(page.GetByTestId("selection")).ToHaveTextAsync("2 selected");
            await Expect(page.Button("Next page")).ToBeDisabledAsync();
            await page.ShotAsync("30-mailboxes-page-2");

            await page.ClickButtonAsync("Previous page");
            await Expect(page.GetByTestId("page-info")).ToHaveTextAsync("Page 1 of 2 · 13 mailboxes");
            await Expect(page.GetByTestId("mailbox-row").First.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();

            // Sorting by email address, descending, is done by the API ($orderby): the last queue comes first.
            await page.GetByRole(AriaRole.Button, new() { Name = "Email address", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Email address", Exact = true }).ClickAsync();
            await Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Email address");
            await Expect(page.GetByTestId("mailbox-row").First).ToContainTextAsync("queue12@paging.test");

            // Search narrows on the server too.
            await page.FillFieldAsync("mailbox-search", "queue0");
            await page.ClickButtonAsync("Search");
            await Expect(page.GetByTestId("page-info")).ToHaveTextAsync("Page 1 of 1 · 9 mailboxes");
            await Expect(page).ToHaveURLAsync(new Regex("/mailboxes$"));
        }
        catch
        {
            await fixture.ShootAllAsync("grid", first);
            throw;
        }
    }
}
