using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RefineService.Api.Playground;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Playground;

/// <summary>The playground as files: the page at <c>/</c>, its scripts and styles, its settings and examples, its Content-Security-Policy (the browser tests are in RefineService.Playground.Tests).</summary>
public sealed partial class PlaygroundPageTests(ApiFactory factory)
{
    /// <summary>SVG's XML namespace, which names the kind of element the scripts make; a browser never requests it.</summary>
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private readonly HttpClient _client = factory.CreateClient();

    private static string AssetsFolder => Path.Combine(Snapshots.RepositoryRoot(), "src", "RefineService.Api", "Playground", "Assets");

    private static IEnumerable<string> AssetFiles => Directory.EnumerateFiles(AssetsFolder).Order(StringComparer.Ordinal);

    [Fact]
    public async Task TheFrontPageIsThePlaygroundWithAContentSecurityPolicyOfTheServiceAlone()
    {
        using var response = await _client.GetPathAsync("/");
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>RefineService playground</title>", page, StringComparison.Ordinal);
        Assert.Contains("""<a href="/swagger">""", page, StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ')).ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.All(directives.Values.SelectMany(sources => sources), source => Assert.Contains(source, new[] { "'self'", "'none'" }));
    }

    [Fact]
    public async Task SwaggerUiStaysAtSwaggerWithoutThePlaygroundsPolicy()
    {
        using var response = await _client.GetPathAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task EveryFileOfThePageIsServedWithItsTypeAndThePolicy()
    {
        var types = new Dictionary<string, string> { [".html"] = "text/html", [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml" };
        foreach (var file in AssetFiles)
        {
            var name = Path.GetFileName(file);
            using var response = await _client.GetPathAsync($"{PlaygroundPage.AssetsPath}/{name}");
            var served = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(types[Path.GetExtension(name)], response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(PlaygroundPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), served);
        }
    }

    [Fact]
    public async Task EveryFileThePageRefersToIsServed()
    {
        // The page's own references and the scripts' imports: a file missing from the build would leave the page broken.
        var references = AssetFiles.SelectMany(file => Reference().Matches(File.ReadAllText(file)).Select(m => m.Groups["path"].Value))
            .Select(path => path.StartsWith("./", StringComparison.Ordinal) ? $"{PlaygroundPage.AssetsPath}/{path[2..]}" : path)
            .Where(path => path.StartsWith(PlaygroundPage.AssetsPath + "/", StringComparison.Ordinal))
            .Distinct().ToList();

        Assert.Contains($"{PlaygroundPage.AssetsPath}/playground.js", references);
        Assert.Contains($"{PlaygroundPage.AssetsPath}/trie.js", references);
        foreach (var path in references)
        {
            using var response = await _client.GetPathAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public void NoFileOfThePageNamesAnotherHostOrRunsInlineCode()
    {
        foreach (var file in AssetFiles)
        {
            var text = File.ReadAllText(file).Replace(SvgNamespace, string.Empty, StringComparison.Ordinal);

            Assert.False(ExternalUrl().IsMatch(text), $"{Path.GetFileName(file)} names another host: {ExternalUrl().Match(text).Value}");
            if (file.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.DoesNotMatch(InlineScript(), text);
                Assert.DoesNotMatch(InlineHandlerOrStyle(), text);
            }
        }
    }

    [Theory]
    [InlineData("seed-policy.json")]
    [InlineData("seed-finding.json")]
    public async Task TheSeedExampleIsServedFromTheSameFilesAsTheApisExamples(string name)
    {
        using var response = await _client.GetPathAsync($"{PlaygroundPage.AssetsPath}/examples/{name}");
        var served = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var file = Path.Combine(Snapshots.RepositoryRoot(), "src", "RefineService.Api", "Examples", name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), served);
    }

    [Theory]
    [InlineData("no-such-example.json")]
    [InlineData("..%2FRefineService.Api.dll")]
    public async Task AnythingButAnExampleIsNotFound(string name)
    {
        using var response = await _client.GetPathAsync($"{PlaygroundPage.AssetsPath}/examples/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePagesSettingsSayNoKeyIsNeededWhenNoneIsConfigured()
    {
        using var response = await _client.GetPathAsync($"{PlaygroundPage.AssetsPath}/config.json");
        var settings = await response.ReadJsonAsync();

        Assert.False(settings["apiKeyRequired"]!.GetValue<bool>());
        Assert.Equal("X-Api-Key", settings["apiKeyHeader"]!.GetValue<string>());
        Assert.Equal("seed-policy.json", settings["examples"]!["policy"]!.GetValue<string>());
        Assert.Equal("seed-finding.json", settings["examples"]!["finding"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithKeysConfiguredThePageAndItsSettingsAreOpenAndSayAKeyIsNeeded()
    {
        await using var keyed = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?> { ["ApiKeys:Clients:people"] = new string('k', 40) });
        using var client = keyed.CreateClient();

        using var page = await client.GetPathAsync("/");
        using var response = await client.GetPathAsync($"{PlaygroundPage.AssetsPath}/config.json");
        using var api = await client.PostJsonAsync("/v1/recommendations", HttpClientExtensions.SeedRequest());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True((await response.ReadJsonAsync())["apiKeyRequired"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [GeneratedRegex("""(?:src|href)="(?<path>/[^"]+)"|from '(?<path>\./[^']+)'""")]
    private static partial Regex Reference();

    // A URL with a scheme, or one relative to the scheme (//host/...), anywhere in a file.
    [GeneratedRegex("""[a-z][a-z0-9+.-]*://|["'(=]\s*//[^/\s]""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex("""<script(?![^>]*\ssrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\s(?:on[a-z]+|style)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
