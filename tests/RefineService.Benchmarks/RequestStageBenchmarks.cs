using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;
using RefineService.Core.Catalog;
using RefineService.Core.Diff;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Benchmarks;

/// <summary>The request path of <see cref="RequestBenchmarks"/> taken apart, stage by stage, to see where its time and bytes go.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RequestStageBenchmarks
{
    private byte[] _body = [];
    private JsonTypeInfo<RecommendationRequest> _requestType = null!;
    private JsonTypeInfo<RecommendationResponse> _responseType = null!;
    private IValidator<RecommendationRequest> _validator = null!;
    private ActionCatalog _catalog = null!;
    private RecommendationRequest _request = null!;
    private RecommendationResponse _response = null!;
    private PolicyDocument _policy = null!;
    private RefinementResult _refined = null!;

    [Params(Workload.Seed, Workload.SeedFinding, "administrator-access")]
    public string Name { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = RequestPipeline.Create();
        _requestType = pipeline.RequestType;
        _responseType = pipeline.ResponseType;
        _validator = pipeline.Validator;
        _catalog = pipeline.Catalog;
        _body = Workload.Load(Name).Body;
        _request = Deserialize();
        _response = Handle().Value!;
        _policy = _request.Policy!;
        _refined = new Refiner(_catalog).Refine(_policy, UnusedActionSet.Create(_catalog, RecommendationInputs.UnusedActions(_request)));
    }

    [Benchmark]
    public RecommendationRequest Deserialize() => JsonSerializer.Deserialize(_body, _requestType)!;

    [Benchmark]
    public bool Validate() => _validator.Validate(_request).IsValid;

    /// <summary>The handler: inputs, engine, diff, answer contract (without the JSON).</summary>
    [Benchmark]
    public Ok<RecommendationResponse> Handle() =>
        RecommendationsApi.Recommend(_request, _catalog, RequestPipeline.Diagnostics, TimeProvider.System);

    /// <summary>The part of the handler that is the engine: unused set resolved, document refined (it was read with the body).</summary>
    [Benchmark]
    public RefinementResult Engine() =>
        new Refiner(_catalog).Refine(_request.Policy!, UnusedActionSet.Create(_catalog, RecommendationInputs.UnusedActions(_request)));

    /// <summary>The part of the handler that is the unified diff of the two documents.</summary>
    [Benchmark]
    public string Diff() => PolicyDiff.Unified(_policy, _refined.RecommendedPolicy);

    [Benchmark]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_response, _responseType);
}
