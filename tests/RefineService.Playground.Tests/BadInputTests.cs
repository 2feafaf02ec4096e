namespace RefineService.Playground.Tests;

/// <summary>Bad input in the playground: each problem shown beside the field it concerns, what was typed kept.</summary>
public sealed class BadInputTests(Chromium chromium, PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    [Fact]
    public async Task APolicyWithAFaultShowsTheProblemBesideThePolicyAtItsJsonPathAndKeepsWhatWasTyped()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        await tab.RunSeedExampleAsync();
        const string typed = """{ "Version": "2012-10-17", "Statement": [ { "Effect": "Alow", "Action": "s3:Get*", "Resource": "*" } ] }""";

        await tab.Page.FillAsync("#policy", typed);
        await tab.Page.ClickAsync("#recommend");
        var problems = await tab.ProblemsAsync("field-policy");
        await tab.ScreenshotAsync("bad-policy");

        var problem = Assert.Single(problems);
        Assert.StartsWith("$.policy.Statement[0].Effect ", problem, StringComparison.Ordinal);
        Assert.Contains("\"Allow\" or \"Deny\"", problem, StringComparison.Ordinal);
        Assert.Equal(typed, await tab.Page.InputValueAsync("#policy"));
        Assert.True(await tab.Page.Locator("#results").IsHiddenAsync());
        Assert.Empty(await tab.Page.Locator("#field-evidence .problems li").AllTextContentsAsync());
    }

    [Fact]
    public async Task AFindingThatIsNotJsonIsShownBesideTheFindingAndKept()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        await tab.RunSeedExampleAsync();
        const string typed = "findingDetails: none";

        await tab.Page.FillAsync("#evidence", typed);
        await tab.Page.ClickAsync("#recommend");
        var problem = Assert.Single(await tab.ProblemsAsync("field-evidence"));

        Assert.StartsWith("$.finding This is not JSON", problem, StringComparison.Ordinal);
        Assert.Equal(typed, await tab.Page.InputValueAsync("#evidence"));
        Assert.True(await tab.Page.Locator("#results").IsHiddenAsync());
    }

    [Fact]
    public async Task AnOptionTheServiceRefusesIsShownBesideThatOption()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        await tab.RunSeedExampleAsync();

        await tab.Page.FillAsync("#unusedForDays", "0");
        await tab.Page.ClickAsync("#recommend");
        var problem = Assert.Single(await tab.ProblemsAsync("field-unusedForDays"));

        Assert.StartsWith("$.options.unusedForDays ", problem, StringComparison.Ordinal);
        Assert.Equal("0", await tab.Page.InputValueAsync("#unusedForDays"));
    }
}
