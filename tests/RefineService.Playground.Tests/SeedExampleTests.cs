using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

[assembly: AssemblyFixture(typeof(RefineService.Playground.Tests.Chromium))]

namespace RefineService.Playground.Tests;

/// <summary>The seed article's example, run with the playground's one button, in a real browser.</summary>
public sealed class SeedExampleTests(Chromium chromium, PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Examples");

    [Fact]
    public async Task TheSeedExampleShowsTheRecommendedPolicyTheDiffTheTrieTheChartAndTheSize()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "seed-recommended-policy.json"), TestContext.Current.CancellationToken))!;
        var answer = await ApiAnswerAsync();

        await tab.RunSeedExampleAsync();
        await tab.ScreenshotAsync("seed-example");

        // The recommended policy, exactly the seed article's recommendation.
        var shown = JsonNode.Parse(await tab.Page.TextContentAsync("#recommended-policy") ?? string.Empty);
        Assert.True(JsonNode.DeepEquals(expected, shown), $"The page shows {shown}");

        // The diff: s3:Get* in a group of its own beside exactly the entries that replace it; the lambda entries removed.
        var replacements = expected["Statement"]![1]!["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Where(a => a != "s3:List*").ToList();
        var group = tab.Page.Locator("#diff tbody.replacement[data-entry='s3:Get*']");
        Assert.Equal(["s3:Get*"], Entries(await group.Locator("td.text.left.removed").AllTextContentsAsync()));
        Assert.Equal(replacements, Entries(await group.Locator("td.text.right.added").AllTextContentsAsync()));
        var seedPolicy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "seed-policy.json"), TestContext.Current.CancellationToken))!;
        var lambdaRemoved = seedPolicy["Statement"]![0]!["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Where(a => a != "lambda:Invoke*");
        Assert.Equal(lambdaRemoved, Entries(await tab.Page.Locator("#diff tbody:not(.replacement) td.text.left.removed").AllTextContentsAsync()));
        Assert.Empty(await tab.Page.Locator("#diff tbody:not(.replacement) td.text.right.added").AllTextContentsAsync());

        // The trie of s3:Get*: a picture with a node per prefix visited, an edge per node but the root, and the written entries marked.
        var trie = tab.Page.Locator("figure.trie[data-entry='s3:Get*'] svg.trie-picture");
        var nodes = trie.Locator("g.trie-node");
        var nodeCount = await nodes.CountAsync();
        Assert.True(nodeCount > replacements.Count, $"{nodeCount} nodes");
        Assert.Equal(nodeCount - 1, await trie.Locator(".edges path").CountAsync());
        var written = (await trie.Locator("g.trie-node.emitted .emitted-entry").AllTextContentsAsync()).Select(t => t.Replace("⇒ ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(replacements.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        Assert.Equal(1, await trie.Locator("g.trie-node.unsafe[data-prefix='s3:Get']").CountAsync());
        Assert.Equal(1, await trie.Locator("g.trie-node.safe.emitted[data-prefix='s3:GetObject']").CountAsync());
        var box = await trie.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, "The picture has no size");

        // The chart and the size say what the API answered.
        var recommendation = answer.GetProperty("recommendations")[0];
        foreach (var level in recommendation.GetProperty("summary").GetProperty("removedByAccessLevel").EnumerateObject())
        {
            Assert.Equal(level.Value.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                await tab.Page.Locator($"#access-levels g.bar[data-level='{level.Name}']").GetAttributeAsync("data-count"));
        }

        var size = recommendation.GetProperty("size");
        var words = await tab.Page.TextContentAsync("#size-words");
        Assert.StartsWith($"{size.GetProperty("characters").GetInt32():N0} of {size.GetProperty("limit").GetInt32():N0} characters", words, StringComparison.Ordinal);
        Assert.EndsWith("within the limit", words, StringComparison.Ordinal);

        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TheDownloadButtonGivesTheRecommendedPolicyAsAFile()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);
        await using var tab = await PlaygroundTab.OpenAsync(chromium, server);
        await tab.RunSeedExampleAsync();

        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Page.ClickAsync("#download-policy"));
        var path = await download.PathAsync();

        Assert.Equal("recommended-policy.json", download.SuggestedFilename);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "seed-recommended-policy.json"), TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))));
        Assert.Empty(tab.Errors);
    }

    /// <summary>The entries of pretty-printed policy lines such as <c>        "s3:GetObject*",</c>.</summary>
    private static List<string> Entries(IEnumerable<string> lines) =>
        [.. lines.Select(line => JsonSerializer.Deserialize<string>(line.Trim().TrimEnd(','))!)];

    /// <summary>What the API answers for the seed example, as the page asks for it.</summary>
    private async Task<JsonElement> ApiAnswerAsync()
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        var request = new JsonObject
        {
            ["policy"] = await File.ReadAllTextAsync(Path.Combine(Examples, "seed-policy.json"), TestContext.Current.CancellationToken),
            ["finding"] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "seed-finding.json"), TestContext.Current.CancellationToken)),
            ["options"] = new JsonObject { ["explain"] = true },
        };
        using var response = await client.PostAsJsonAsync("v1/recommendations", request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}
