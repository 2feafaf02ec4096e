using System.Diagnostics;
using System.Text.Json;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>
/// Our half of the side-by-side with <c>@cloud-copilot/iam-expand</c> (peer/compare.sh runs both): expands every pattern of a
/// file with <see cref="ActionCatalog.Match"/>, times whole passes over the list after a warm-up, and writes the expansions.
/// </summary>
public static class PeerMatch
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private const int Passes = 30;

    public static void Run(string patternsFile, string outputFile, TextWriter output)
    {
        var patterns = File.ReadAllLines(patternsFile).Where(line => line.Length > 0).ToArray();
        var catalog = ActionCatalog.LoadEmbedded();

        var warm = Stopwatch.StartNew();
        var warmPasses = 0;
        while (warm.Elapsed < WarmUp || warmPasses < 5)
        {
            Pass(catalog, patterns);
            warmPasses++;
        }

        var times = new double[Passes];
        var matched = 0L;
        for (var i = 0; i < Passes; i++)
        {
            var clock = Stopwatch.StartNew();
            matched = Pass(catalog, patterns);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        var expansions = patterns.ToDictionary(p => p, p => catalog.Match(p).Select(a => a.FullName).Order(StringComparer.Ordinal).ToArray());
        File.WriteAllText(outputFile, JsonSerializer.Serialize(new PeerResult(
            "RefineService ActionCatalog.Match", patterns.Length, matched, times.Average(), times[Passes / 2], expansions)));
        output.WriteLine($"ActionCatalog.Match: {patterns.Length} patterns, {matched} actions per pass; pass median {times[Passes / 2]:F3} ms, mean {times.Average():F3} ms");
    }

    private static long Pass(ActionCatalog catalog, string[] patterns)
    {
        var count = 0L;
        // Each expansion read out as names, as iam-expand hands out its expansions.
        foreach (var pattern in patterns)
        {
            foreach (var action in catalog.Match(pattern))
            {
                count += action.FullName.Length > 0 ? 1 : 0;
            }
        }

        return count;
    }
}

/// <summary>One tool's figures and expansions, in the shape both halves of the comparison write.</summary>
public sealed record PeerResult(string Tool, int Patterns, long MatchedPerPass, double MeanPassMs, double MedianPassMs, Dictionary<string, string[]> Expansions);
