using BenchmarkDotNet.Attributes;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary><see cref="ActionCatalog.Match"/> for each kind of pattern.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchBenchmarks
{
    private ActionCatalog _catalog = null!;

    // literal; prefix wildcard; infix (a wildcard before the literal part); '?' for one character.
    [Params("s3:GetObject", "s3:Get*", "ec2:*Instances", "ec2:Describe?nstance*")]
    public string Pattern { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _catalog = ActionCatalog.LoadEmbedded();

    [Benchmark]
    public int Match() => _catalog.Match(Pattern).Count;
}
