using BenchmarkDotNet.Attributes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Benchmarks;

/// <summary>
/// Compact mode's cost against prefix mode's on its worst case, <c>"Action": "*"</c> with a third of every service's
/// actions unused (the shape of the iam-shrink sample's AdministratorAccess): every service then goes through the cover.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CompactModeBenchmarks
{
    private Refiner _refiner = null!;
    private PolicyDocument _policy = null!;
    private UnusedActionSet _unused = null!;

    [Params(WildcardMode.Prefix, WildcardMode.Compact)]
    public WildcardMode Wildcards { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ActionCatalog.LoadEmbedded();
        _refiner = new Refiner(catalog);
        _policy = PolicyDocument.Parse("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }""");
        _unused = UnusedActionSet.Create(catalog, [.. catalog.Services.Select(s => new UnusedServiceActions(
            s.Prefix,
            [.. Enumerable.Range(s.FirstAction, s.ActionCount).Where(i => (i - s.FirstAction) % 3 == 1).Select(i => catalog[i].Name)]))]);
    }

    /// <summary>The refinement, its split included (the result is over a managed policy's limit in both modes).</summary>
    [Benchmark]
    public RefinementResult StarWithAThirdOfEachServiceUnused() => _refiner.Refine(_policy, _unused, new RefinementOptions(Wildcards));
}
