using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Json;
using RefineService.Api.OpenApi;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>Sending request bodies and reading answers: typed as the service's contracts, or as JSON where a test checks the wire form.</summary>
public static class HttpClientExtensions
{
    public const string Recommendations = "/v1/recommendations";

    /// <summary>The serializer options the service registers for its requests and answers.</summary>
    public static JsonSerializerOptions ApiJson { get; } = RegisteredJsonOptions();

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

    /// <summary>The answer read into the service's contract <typeparamref name="T"/> with the service's own JSON options.</summary>
    public static async Task<T> ReadAnswerAsync<T>(this HttpResponseMessage response) =>
        ReadAnswer<T>(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

    /// <summary>The answer read with a serializer of its own, such as a health probe's.</summary>
    public static async Task<T> ReadAnswerAsync<T>(this HttpResponseMessage response, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), typeInfo)
        ?? throw new JsonException($"The answer is null, not a {typeof(T).Name}.");

    /// <summary>An answer's text read into the service's contract <typeparamref name="T"/> with the service's own JSON options.</summary>
    public static T ReadAnswer<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, ApiJson) ?? throw new JsonException($"The answer is null, not a {typeof(T).Name}.");

    /// <inheritdoc cref="ReadAnswer{T}(ReadOnlySpan{byte})"/>
    public static T ReadAnswer<T>(string json) => ReadAnswer<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// The answer as untyped JSON, for what only the wire shows: property names and their order, members left out or
    /// written as null, enum spellings, problem details. It may be read again, typed or not.
    /// </summary>
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonNode>(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), JsonSerializerOptions.Web)!.AsObject();

    /// <summary>The <c>errors</c> of a validation problem, keyed by JSON path.</summary>
    public static async Task<Dictionary<string, string[]>> ReadErrorsAsync(this HttpResponseMessage response)
    {
        // Problem details are read from the wire: the framework writes them, and their shape is what a client sees.
        var body = await response.ReadJsonAsync();
        return body["errors"].Deserialize<Dictionary<string, string[]>>()!;
    }

    // The same registration the service makes at start-up, so answers are read exactly as the service writes them.
    private static JsonSerializerOptions RegisteredJsonOptions()
    {
        using var services = new ServiceCollection().AddApiJson().BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        options.MakeReadOnly();
        return options;
    }
}
