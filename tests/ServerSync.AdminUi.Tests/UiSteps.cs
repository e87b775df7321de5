using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServerSync.AdminUi.Tests;

/// <summary>What a person does on the pages: type into labelled Fluent fields, pick options, press buttons, save screenshots.</summary>
public static class UiSteps
{
    /// <summary>Types into a Fluent text field (its input lives in the web component's shadow DOM) by the field's id.</summary>
    public static async Task FillFieldAsync(this IPage page, string id, string text)
    {
        var input = page.Locator($"#{id} input");
        await input.FillAsync(text);
    }

    /// <summary>Picks an option of a Fluent select (a listbox web component) by its text, with the mouse like a person would.</summary>
    public static async Task ChooseAsync(this IPage page, string id, string option)
    {
        var select = page.Locator($"#{id}");
        await select.ClickAsync();
        await select.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    public static Task ClickButtonAsync(this IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public static ILocator Button(this IPage page, string button) => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });

    /// <summary>Checks or unchecks a Fluent checkbox (role=checkbox on the web component) by its id.</summary>
    public static async Task TickAsync(this IPage page, string id, bool on = true)
    {
        var box = page.Locator($"#{id}");
        var want = on ? "true" : "false";
        if (await box.GetAttributeAsync("aria-checked") != want) await box.ClickAsync();
        await Expect(box).ToHaveAttributeAsync("aria-checked", want);
    }

    /// <summary>Opens a page of the environment and waits for its heading (the circuit has rendered it).</summary>
    public static async Task OpenAsync(this IPage page, string path, string heading)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
    }

    public static ILocator Row(this IPage page, string testId, string text) => page.GetByTestId(testId).Filter(new() { HasText = text });

    public static async Task ShotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AdminCenterFixture.Screenshots, name + ".png"), FullPage = true });

    public static async Task SignInAsync(this IPage page, string upn, string password)
    {
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await page.GetByLabel("User name").FillAsync(upn);
        await page.GetByLabel("Password").FillAsync(password);
        await page.ClickButtonAsync("Sign in");
    }

    public static ILocator Error(this IPage page) => page.GetByTestId("error");

    public static ILocator Notice(this IPage page) => page.GetByTestId("notice");
}
