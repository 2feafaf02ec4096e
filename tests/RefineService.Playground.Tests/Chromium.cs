using Microsoft.Playwright;

namespace RefineService.Playground.Tests;

/// <summary>
/// Chromium as installed on the machine (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs), driven by
/// Playwright: no test framework may download a browser here. Without one, the browser tests skip with <see cref="SkipReason"/>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Names the browser to use instead of looking for one where Debian and others install it.</summary>
    public const string PathVariable = "REFINESERVICE_CHROMIUM";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private IPlaywright? _playwright;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The running browser; null when <see cref="SkipReason"/> is set.</summary>
    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var path = string.IsNullOrEmpty(configured) ? KnownPaths.FirstOrDefault(File.Exists) : configured;
        if (path is null || !File.Exists(path))
        {
            SkipReason = $"No Chromium to drive: none at {configured ?? string.Join(", ", KnownPaths)}. Install Debian's chromium package " +
                $"(apt-get install chromium, as .ci/run does) or set {PathVariable} to a Chromium executable.";
            return;
        }

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,

            // The network is closed but for this machine: Chromium must not try to reach its own services.
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
