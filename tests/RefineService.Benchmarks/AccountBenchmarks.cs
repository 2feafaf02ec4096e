using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;

namespace RefineService.Benchmarks;

/// <summary>
/// <c>POST /v1/accounts/recommendations</c> without HTTP, stage by stage, on the synthetic account that
/// <c>load/accounts.sh</c> builds (its path in <c>ACCOUNT_REQUEST</c>; <c>ACCOUNT_REQUEST=path dotnet run -c Release
/// --project tests/RefineService.Benchmarks -- --filter '*AccountBenchmarks*'</c>): reading the body, validating it,
/// what comes before the first principal's answer, and every principal answered on one thread.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AccountBenchmarks
{
    private byte[] _body = [];
    private RequestPipeline _pipeline = null!;
    private JsonTypeInfo<AccountRecommendationRequest> _requestType = null!;
    private IValidator<AccountRecommendationRequest> _validator = null!;
    private AccountRecommendationRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("ACCOUNT_REQUEST")
            ?? throw new InvalidOperationException("Set ACCOUNT_REQUEST to the account that load/accounts.sh builds (KEEP=1 keeps it).");
        _body = File.ReadAllBytes(path);
        _pipeline = RequestPipeline.Create();
        _requestType = (JsonTypeInfo<AccountRecommendationRequest>)_pipeline.Json.GetTypeInfo(typeof(AccountRecommendationRequest));
        _validator = (IValidator<AccountRecommendationRequest>)_pipeline.Services.GetService(typeof(IValidator<AccountRecommendationRequest>))!;
        _request = Read();
    }

    [Benchmark]
    public AccountRecommendationRequest Read() => JsonSerializer.Deserialize(_body, _requestType)!;

    /// <summary>As the endpoint reads it: the framework's binding deserializes the body's pipe, which holds the whole body in one piece (JsonBodyMiddleware).</summary>
    [Benchmark]
    public ValueTask<AccountRecommendationRequest?> ReadFromPipe() => JsonSerializer.DeserializeAsync(PipeReader.Create(new ReadOnlySequence<byte>(_body)), _requestType);

    /// <summary>As the endpoint read it before: the pipe over the buffered body's stream, in pieces of a few kilobytes.</summary>
    [Benchmark]
    public ValueTask<AccountRecommendationRequest?> ReadFromStreamPipe() => JsonSerializer.DeserializeAsync(PipeReader.Create(new MemoryStream(_body)), _requestType);

    [Benchmark]
    public bool Validate() => _validator.Validate(_request).IsValid;

    [Benchmark]
    public PrincipalRecommendation FirstPrincipal() => new AccountRefinement(_request, _pipeline.Catalog, _pipeline.Json, TimeProvider.System, default).Answer(0, default);

    [Benchmark]
    public AccountSummary EveryPrincipalOnOneThread()
    {
        var refinement = new AccountRefinement(_request, _pipeline.Catalog, _pipeline.Json, TimeProvider.System, default);
        for (var i = 0; i < refinement.Count; i++)
        {
            refinement.Answer(i, default);
        }

        return refinement.Summary();
    }

    /// <summary>Each stage once, timed, for a quick look without BenchmarkDotNet: <c>-- account-stages PATH</c>.</summary>
    public static void Stages(string path, TextWriter output)
    {
        Environment.SetEnvironmentVariable("ACCOUNT_REQUEST", path);
        var benchmarks = new AccountBenchmarks();
        benchmarks.Setup();
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            benchmarks.Read();
            var read = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            benchmarks.ReadFromPipe().AsTask().GetAwaiter().GetResult();
            var pipe = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            benchmarks.ReadFromStreamPipe().AsTask().GetAwaiter().GetResult();
            var pieces = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            benchmarks.Validate();
            var validate = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            benchmarks.FirstPrincipal();
            var first = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            benchmarks.EveryPrincipalOnOneThread();
            var all = clock.Elapsed.TotalMilliseconds;
            output.WriteLine($"read {read:F0} ms (from the whole body's pipe {pipe:F0} ms, from the stream's pipe {pieces:F0} ms), validate {validate:F0} ms, first principal {first:F0} ms, every principal on one thread {all:F0} ms");
        }
    }
}
