using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.OpenApi;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>Sending request bodies and reading answers as JSON.</summary>
public static class HttpClientExtensions
{
    public const string Recommendations = "/v1/recommendations";

    /// <summary>The seed article's request, as the OpenAPI example shows it.</summary>
    public static JsonObject SeedRequest() => RequestExamples.Load(RequestExamples.Recommendation).AsObject();

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostPathAsync(this HttpClient client, string path, HttpContent content) =>
        client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string path, string json) =>
        client.PostPathAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.PostJsonTextAsync(path, body.ToJsonString());

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!.AsObject();

    /// <summary>The <c>errors</c> of a validation problem, keyed by JSON path.</summary>
    public static async Task<Dictionary<string, string[]>> ReadErrorsAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        return body["errors"].Deserialize<Dictionary<string, string[]>>()!;
    }
}
