using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using ServerSync.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>The dashboard's history from a real sync: mail delivered to Dovecot, imported by the engine, counted and drilled into.</summary>
[Collection(AdminCenterCollection.Name)]
public sealed class MonitoringHistoryTests(AdminCenterFixture fixture)
{
    [Fact]
    public async Task Mail_imported_by_the_engine_shows_in_items_processed_and_drills_down_to_its_mailbox()
    {
        var first = fixture.Pages.Count;
        try
        {
            // A user whose mailbox is on the real Dovecot, enabled by Test & Enable; two messages arrive and are imported.
            var setup = new MailboxSetup(await Scenario.CreateAsync(fixture.Server));
            var user = await setup.UserAsync(await setup.ImapProfileAsync());
            await setup.TestAndEnableAsync(user.MailboxId);
            var name = (await setup.MailboxAsync(user.MailboxId))["name"]!.GetValue<string>();
            foreach (var subject in new[] { "Order 1", "Order 2" })
            {
                var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@sender.test" };
                message.From.Add(MailboxAddress.Parse("buyer@customer.test"));
                message.To.Add(MailboxAddress.Parse(user.Address));
                message.Body = new TextPart("plain") { Text = subject };
                await setup.Mail.DeliverAsync(message);
                await setup.EmailByMessageIdAsync(message.MessageId);
            }
            await Eventually.TrueAsync(async () => (await setup.Admin.ListAsync($"mailboxstatistics?$filter=_mailboxid_value eq {user.MailboxId}"))
                .Sum(r => r!["itemsprocessed"]!.GetValue<int>()) == 2, "the engine's statistics of both messages");

            var page = await fixture.NewPageAsync();
            await page.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
            var env = $"/admin/env/{setup.Scenario.Environment}";
            await page.OpenAsync($"{env}/dashboard", "Server-side synchronization monitoring");
            await Expect(page.GetByTestId("history-totals")).ToContainTextAsync("Last 24 hours: 2 incoming and 0 outgoing items processed, 0 failed, by 1 mailboxes.");
            var row = page.GetByTestId("history-row");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td").First).ToHaveTextAsync("2");
            await Expect(row).ToContainTextAsync(" s"); // average and maximum latency, measured from INTERNALDATE
            // The charts are drawn by plotly.js, served by ServerSync itself.
            await Expect(page.Locator("#items-plot .main-svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("#latency-plot .scatterlayer .trace")).ToHaveCountAsync(2);
            await Expect(page.Locator("#profile-health-plot .main-svg").First).ToBeVisibleAsync();
            await page.ShotAsync("40-monitoring-history");

            // A bar of the items chart shows the mailboxes behind that hour, like the table's button does.
            await page.Locator("#items-plot .trace.bars").First.Locator(".point path").Last.ClickAsync(new() { Force = true });
            await Expect(page.GetByTestId("bucket-mailbox-row")).ToHaveCountAsync(1);
            await Expect(page.Row("bucket-mailbox-row", name)).ToContainTextAsync("2");
            await page.ReloadAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "1 mailboxes" }).ClickAsync();
            await Expect(page.Row("bucket-mailbox-row", name)).ToContainTextAsync("2");
            await page.ShotAsync("41-monitoring-history-drilldown");
            await page.GetByTestId("bucket-mailboxes").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Mailbox: {name}" })).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/mailboxes/{user.MailboxId}"));

            // The week view holds the same items; the text stays readable on a narrow window.
            var narrow = await fixture.NewPageAsync(width: 400, height: 800);
            await narrow.SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
            await narrow.OpenAsync($"{env}/dashboard", "Server-side synchronization monitoring");
            await narrow.ChooseAsync("history-range", "Last 7 days");
            await Expect(narrow.GetByTestId("history-totals")).ToContainTextAsync("Last 7 days: 2 incoming");
            await Expect(narrow.GetByTestId("history-row")).ToHaveCountAsync(1);
            await narrow.ShotAsync("42-monitoring-history-narrow");
        }
        catch
        {
            await fixture.ShootAllAsync("history", first);
            throw;
        }
    }
}
