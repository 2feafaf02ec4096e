using Microsoft.Playwright;

namespace RefineService.Playground.Tests;

/// <summary>A browser tab on the playground, which records every error the page reports (a script error, a request refused by the Content-Security-Policy).</summary>
public sealed class PlaygroundTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PlaygroundTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>What the page reported as errors: console errors (CSP violations among them) and uncaught exceptions.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Opens the playground of <paramref name="server"/> and waits until its script is ready.</summary>
    public static async Task<PlaygroundTab> OpenAsync(Chromium chromium, PlaygroundServer server)
    {
        var context = await chromium.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var tab = new PlaygroundTab(context, await context.NewPageAsync());
        await tab.Page.GotoAsync(server.Address.ToString());
        await tab.Page.Locator("body[data-ready='true']").WaitForAsync();
        return tab;
    }

    /// <summary>Loads the seed example with its button and waits for the answer.</summary>
    public async Task RunSeedExampleAsync()
    {
        await Page.ClickAsync("#load-seed");
        await Page.Locator("#results").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
    }

    /// <summary>The problems shown beside the field with id <paramref name="fieldId"/>.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(string fieldId, string kind = "error")
    {
        var problems = Page.Locator($"#{fieldId} .problems li.{kind}");
        await problems.First.WaitForAsync();
        return await problems.AllTextContentsAsync();
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
