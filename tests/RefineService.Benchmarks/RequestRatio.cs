using System.Diagnostics;
using System.Globalization;

namespace RefineService.Benchmarks;

/// <summary>
/// The whole request path of the seed and of the seed given as a whole finding, taken in turns, a block of requests of
/// each at a time, for a while: <c>request-ratio SECONDS</c>. Other processes on a shared machine only ever add time to a
/// block, so the fastest blocks of each, taken in the same minutes, say what the finding costs beside the seed more
/// steadily than a mean: it prints the median and the tenth percentile of each and their ratios.
/// </summary>
public static class RequestRatio
{
    private const int BlockSize = 20;

    public static async Task RunAsync(double seconds, TextWriter output)
    {
        var seed = new RequestBenchmarks { Workload = Workload.Seed };
        var finding = new RequestBenchmarks { Workload = Workload.SeedFinding };
        seed.Setup();
        finding.Setup();

        // A second not counted: the methods are compiled again, optimised, after their first calls.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1;)
        {
            await seed.JsonInAndOut();
            await finding.JsonInAndOut();
        }

        List<double> seedBlocks = [], findingBlocks = [];
        for (var clock = Stopwatch.StartNew(); clock.Elapsed.TotalSeconds < seconds;)
        {
            seedBlocks.Add(await BlockAsync(seed));
            findingBlocks.Add(await BlockAsync(finding));
        }

        var (seedMedian, seedFast) = (Quantile(seedBlocks, 0.5), Quantile(seedBlocks, 0.1));
        var (findingMedian, findingFast) = (Quantile(findingBlocks, 0.5), Quantile(findingBlocks, 0.1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seedBlocks.Count} blocks of {BlockSize} requests each; µs per request, median and tenth percentile of the blocks: " +
            $"seed {seedMedian:F1} and {seedFast:F1}, seed-finding {findingMedian:F1} and {findingFast:F1}; " +
            $"seed-finding / seed: {findingMedian / seedMedian:F3} (medians), {findingFast / seedFast:F3} (tenth percentiles)"));
    }

    private static async Task<double> BlockAsync(RequestBenchmarks benchmarks)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < BlockSize; i++)
        {
            await benchmarks.JsonInAndOut();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / BlockSize;
    }

    private static double Quantile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Floor(quantile * (sorted.Count - 1))];
    }
}
