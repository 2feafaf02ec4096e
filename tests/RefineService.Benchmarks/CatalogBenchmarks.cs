using BenchmarkDotNet.Attributes;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>Loading the embedded catalog: gunzip, deserialize, sort, build the word-boundary candidates.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CatalogBenchmarks
{
    [Benchmark]
    public ActionCatalog LoadEmbedded() => ActionCatalog.LoadEmbedded();
}
