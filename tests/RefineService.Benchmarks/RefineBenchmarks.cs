using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Benchmarks;

/// <summary>The engine from a parsed document to its result, on the seed example and on AWS managed policies.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RefineBenchmarks
{
    private Refiner _refiner = null!;
    private PolicyDocument _policy = null!;
    private IReadOnlyList<UnusedServiceActions> _permissions = null!;
    private UnusedActionSet _unused = null!;

    [Params(
        Benchmarks.Workload.Seed,
        "administrator-access",
        "largest-AWSSupportServiceRolePolicy",
        "largest-ReadOnlyAccess",
        "largest-AWSConfigServiceRolePolicy",
        "notaction-PowerUserAccess")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ActionCatalog.LoadEmbedded();
        var workload = Benchmarks.Workload.Load(Workload);
        _refiner = new Refiner(catalog);
        _policy = workload.Policy;
        _permissions = workload.Unused;
        _unused = UnusedActionSet.Create(catalog, _permissions);
    }

    /// <summary>The unused permissions resolved against the catalog, then the policy refined: the engine's whole share of a request.</summary>
    [Benchmark(Baseline = true)]
    public RefinementResult ResolveAndRefine() =>
        _refiner.Refine(_policy, UnusedActionSet.Create(_refiner.Catalog, _permissions));

    /// <summary>The refinement alone, with the unused set already resolved.</summary>
    [Benchmark]
    public RefinementResult Refine() => _refiner.Refine(_policy, _unused);
}
