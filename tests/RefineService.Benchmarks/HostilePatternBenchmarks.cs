using BenchmarkDotNet.Attributes;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>
/// Patterns full of <c>*</c> and <c>?</c> matched against the whole catalog (22,091 actions): the time must grow in
/// proportion to the pattern's length, never faster, whatever its shape.
/// </summary>
[MemoryDiagnoser]
public class HostilePatternBenchmarks
{
    private ActionCatalog _catalog = null!;
    private string _pattern = "";

    [Params(125, 250, 500, 1000)]
    public int Length { get; set; }

    /// <summary>The unit the pattern repeats: stars only, a star and a question mark, a star before a letter, a question mark, a star and a letter.</summary>
    [Params("*", "*?", "*e", "?*a")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = ActionCatalog.LoadEmbedded();
        // No literal tail to reject an action by: the matcher has to walk the pattern.
        _pattern = string.Concat(Enumerable.Repeat(Shape, Length / Shape.Length + 1))[..Length].TrimEnd('a', 'e') + "*";
    }

    [Benchmark]
    public int MatchWholeCatalog() => _catalog.Match(_pattern).Count;
}
