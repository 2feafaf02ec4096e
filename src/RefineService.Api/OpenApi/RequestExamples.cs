using System.Text.Json.Nodes;

namespace RefineService.Api.OpenApi;

/// <summary>The request examples shown in the OpenAPI document, kept as JSON files under <c>Examples/</c> (the tests send the same files).</summary>
public static class RequestExamples
{
    /// <summary>The seed article's policy and unused permissions.</summary>
    public const string Recommendation = "recommendation-request.json";

    /// <summary>The seed article's policy, with what it is, and its finding as <c>aws accessanalyzer get-finding-v2</c> prints it.</summary>
    public const string Finding = "finding-request.json";

    /// <summary>Two action patterns.</summary>
    public const string Expand = "expand-request.json";

    /// <summary>The example file <paramref name="name"/> as JSON.</summary>
    public static JsonNode Load(string name)
    {
        using var stream = Open(name) ?? throw new InvalidOperationException($"The example '{name}' is not embedded.");
        return JsonNode.Parse(stream)!;
    }

    /// <summary>The example file <paramref name="name"/> as it is written, or null when there is none of that name.</summary>
    public static Stream? Open(string name) =>
        typeof(RequestExamples).Assembly.GetManifestResourceStream($"RefineService.Api.Examples.{name}");

    /// <summary>Shows the example file <paramref name="name"/> as the request body's example in the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string name, string? summary = null) =>
        builder.WithMetadata(new RequestExampleMetadata(name, summary));
}
