using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>
/// What the filters and activity data cost on the whole request path (as <see cref="RequestBenchmarks"/>), each variant
/// beside the request it is measured against, in the same run: the seed with and without every filter, and
/// <c>ReadOnlyAccess</c> with its findings against the same policy with 1,000 used actions instead.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; the stream holds managed memory only.")]
public class FilterBenchmarks
{
    public const string Seed = "seed";
    public const string SeedFiltered = "seed+filters";
    public const string ReadOnlyFindings = "ReadOnlyAccess+findings";
    public const string ReadOnlyUsed = "ReadOnlyAccess+usedActions(1000)";

    private readonly MemoryStream _response = new(capacity: 4 * 1024 * 1024);
    private byte[] _body = [];
    private JsonTypeInfo<RecommendationRequest> _requestType = null!;
    private JsonTypeInfo<RecommendationResponse> _responseType = null!;
    private IValidator<RecommendationRequest> _validator = null!;
    private ActionCatalog _catalog = null!;

    [Params(Seed, SeedFiltered, ReadOnlyFindings, ReadOnlyUsed)]
    public string Variant { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = RequestPipeline.Create();
        (_requestType, _responseType, _validator, _catalog) = (pipeline.RequestType, pipeline.ResponseType, pipeline.Validator, pipeline.Catalog);
        _body = JsonSerializer.SerializeToUtf8Bytes(Body(Variant, _catalog));
    }

    /// <summary>The request body of a variant.</summary>
    public static JsonObject Body(string variant, ActionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        switch (variant)
        {
            case Seed:
                return Load(Workload.Seed);
            case SeedFiltered:
                // Every filter at once, set so that the answer removes what the plain seed removes (every access level, keep
                // patterns and a Sid the seed does not hold, no dates to hold against the threshold): the same work, plus the filters'.
                var seed = Load(Workload.Seed);
                seed["options"]!["unusedForDays"] = 90;
                seed["options"]!["asOf"] = "2026-12-01T00:00:00Z";
                seed["options"]!["keep"] = new JsonArray("iam:PassRole", "kms:Decrypt", "sts:AssumeRole");
                seed["options"]!["accessLevels"] = new JsonArray("List", "Read", "Write", "Permissions management", "Tagging");
                seed["options"]!["skipStatements"] = new JsonArray("BreakGlass");
                return seed;
            case ReadOnlyFindings:
                return Load("largest-ReadOnlyAccess");
            case ReadOnlyUsed:
                // The same policy; 1,000 of the actions it allows (evenly spread over them) seen used, instead of the findings.
                var request = Load("largest-ReadOnlyAccess");
                request.Remove("unusedPermissions");
                var allowed = request["policy"]!["Statement"]!.AsArray()
                    .SelectMany(s => s!["Action"] is JsonArray a ? a.Select(e => e!.GetValue<string>()) : [s["Action"]!.GetValue<string>()])
                    .SelectMany(catalog.Match).Select(a => a.FullName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var step = allowed.Count / 1000.0;
                request["usedActions"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)allowed[(int)(i * step)])]);
                return request;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "no such variant");
        }
    }

    [Benchmark]
    public async Task<long> JsonInAndOut()
    {
        using var body = new MemoryStream(_body, writable: false);
        var request = await JsonSerializer.DeserializeAsync(body, _requestType) ?? throw new InvalidOperationException("null body");
        var validation = await _validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            throw new InvalidOperationException(validation.ToString());
        }

        var answer = RecommendationsApi.Recommend(request, _catalog, RequestPipeline.Diagnostics, TimeProvider.System);
        _response.SetLength(0);
        await JsonSerializer.SerializeAsync(_response, answer.Value!, _responseType);
        return _response.Length;
    }

    private static JsonObject Load(string name) => JsonNode.Parse(Workload.Load(name).Body)!.AsObject();
}
