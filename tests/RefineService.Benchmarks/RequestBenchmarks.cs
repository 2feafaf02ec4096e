using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>
/// The whole request path of <c>POST /v1/recommendations</c> without HTTP: the body deserialized with the service's own JSON
/// settings, validated by its validator, handled by its handler, and the answer serialized, in the order the endpoint does it.
/// Kestrel, routing, the endpoint filter's plumbing and request logging are left out; the load test measures them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; the stream holds managed memory only.")]
public class RequestBenchmarks
{
    private readonly MemoryStream _response = new(capacity: 4 * 1024 * 1024);
    private byte[] _body = [];
    private JsonTypeInfo<RecommendationRequest> _requestType = null!;
    private JsonTypeInfo<RecommendationResponse> _responseType = null!;
    private IValidator<RecommendationRequest> _validator = null!;
    private ActionCatalog _catalog = null!;

    [Params(Benchmarks.Workload.Seed, Benchmarks.Workload.SeedFinding, "small-AmazonS3ReadOnlyAccess", "largest-ReadOnlyAccess", "administrator-access")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = RequestPipeline.Create();
        _requestType = pipeline.RequestType;
        _responseType = pipeline.ResponseType;
        _validator = pipeline.Validator;
        _catalog = pipeline.Catalog;
        _body = Benchmarks.Workload.Load(Workload).Body;
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
}
