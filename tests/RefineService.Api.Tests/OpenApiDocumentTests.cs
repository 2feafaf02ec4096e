using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

public class OpenApiDocumentTests(ApiFactory factory)
{
    private const string DocumentPath = "/swagger/v1/swagger.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonObject> DocumentAsync()
    {
        // The OpenAPI document is read as untyped JSON: its wire form is what is checked.
        using var response = await _client.GetPathAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>
    /// The contract as published, compared with <c>Snapshots/openapi.json</c> so that every change shows up in review.
    /// Run with <c>UPDATE_SNAPSHOTS=1</c> to accept a change.
    /// </summary>
    [Fact]
    public async Task TheOpenApiDocumentMatchesTheCheckedInSnapshot()
    {
        var actual = (await DocumentAsync()).ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var snapshot = Snapshots.PathOf("openapi.json");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(snapshot, actual, TestContext.Current.CancellationToken);
        }

        var expected = File.Exists(snapshot) ? (await File.ReadAllTextAsync(snapshot, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(expected == actual, $"The OpenAPI document differs from {snapshot}; review the change and run the tests with UPDATE_SNAPSHOTS=1 to accept it.");
    }

    [Fact]
    public async Task TheDocumentListsTheApiAndNotTheProbes()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject().Select(p => p.Key);

        Assert.Equal(["/v1/accounts/recommendations", "/v1/actions/expand", "/v1/catalog", "/v1/catalog/services", "/v1/catalog/services/{prefix}", "/v1/recommendations"], paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRecommendationExamplesAreTheSeedRequestAndTheSeedWithItsWholeFinding()
    {
        var examples = (await DocumentAsync())["paths"]!["/v1/recommendations"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!;

        Assert.True(JsonNode.DeepEquals(HttpClientExtensions.SeedRequest(), examples["recommendation-request"]!["value"]));
        var finding = examples["finding-request"]!["value"]!;
        Assert.True(JsonNode.DeepEquals(HttpClientExtensions.SeedRequest()["policy"], finding["policy"]));
        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(finding["finding"], "GetFindingV2Response"));
    }

    [Fact]
    public async Task EveryResponseCodeOfRecommendationsIsDocumented()
    {
        var responses = (await DocumentAsync())["paths"]!["/v1/recommendations"]!["post"]!["responses"]!.AsObject();

        Assert.Equal(["200", "400", "401", "413", "415", "429", "500", "503"], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryPropertyOfEveryContractIsDescribed()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        var undocumented = schemas
            .Where(s => s.Key is not ("ProblemDetails" or "HttpValidationProblemDetails"))
            .SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Select(p => (Schema: s.Key, Property: p.Key, Value: p.Value!)))
            .Where(p => p.Value["description"] is null)
            .Select(p => $"{p.Schema}.{p.Property}")
            .ToList();
        Assert.Empty(undocumented);
    }
}
