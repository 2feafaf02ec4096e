namespace RefineService.Playground.Tests;

/// <summary>The playground of a service with API keys: it asks for one and sends it.</summary>
public sealed class ApiKeyTests(Chromium chromium, PlaygroundServerWithKeys server) : IClassFixture<PlaygroundServerWithKeys>
{
    [Fact]
    public async Task WithKeysConfiguredThePageAsksForAKeyAndSendsIt()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        Assert.True(await tab.Page.Locator("#field-apiKey").IsVisibleAsync());

        await tab.Page.ClickAsync("#load-seed");
        Assert.Contains("needs an API key", Assert.Single(await tab.ProblemsAsync("field-apiKey")), StringComparison.Ordinal);

        await tab.Page.FillAsync("#apiKey", "not-the-key-not-the-key-not-the-key");
        await tab.Page.ClickAsync("#recommend");
        Assert.Contains("does not know this API key", Assert.Single(await tab.ProblemsAsync("field-apiKey")), StringComparison.Ordinal);

        await tab.Page.FillAsync("#apiKey", PlaygroundServerWithKeys.Key);
        await tab.Page.ClickAsync("#recommend");
        await tab.Page.Locator("#results").WaitForAsync(new Microsoft.Playwright.LocatorWaitForOptions { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        Assert.Empty(await tab.Page.Locator("#field-apiKey .problems li").AllTextContentsAsync());
    }

    [Fact]
    public async Task WithoutKeysThePageDoesNotAskForOne()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var plain = new PlaygroundServer();
        await plain.InitializeAsync();
        await using var tab = await PlaygroundTab.OpenAsync(chromium, plain);

        Assert.True(await tab.Page.Locator("#field-apiKey").IsHiddenAsync());
    }
}
