using System.Diagnostics;

namespace RefineService.Benchmarks;

/// <summary>
/// The whole request path of <see cref="RequestBenchmarks"/> run in a loop for a while, for a profiler to sample:
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -- dotnet RefineService.Benchmarks.dll request-loop seed 10</c>.
/// </summary>
public static class RequestLoop
{
    public static async Task RunAsync(string workload, double seconds, TextWriter output)
    {
        var benchmarks = new RequestBenchmarks { Workload = workload };
        benchmarks.Setup();

        // A second not counted: the methods are compiled again, optimised, after their first calls.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1;)
        {
            await benchmarks.JsonInAndOut();
        }

        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        var paused = GC.GetTotalPauseDuration();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await benchmarks.JsonInAndOut();
            runs++;
        }

        var elapsed = clock.Elapsed;

        // Processor time counts only what this process ran (the collector's threads included): on a shared machine it moves
        // far less with the other processes' load than the elapsed time does.
        var busy = Process.GetCurrentProcess().TotalProcessorTime - processor;
        output.WriteLine(FormattableString.Invariant(
            $"{workload}: {runs} requests in {elapsed.TotalSeconds:F1} s, {elapsed.TotalMicroseconds / runs:F1} µs ({busy.TotalMicroseconds / runs:F1} µs of processor time) and {(GC.GetTotalAllocatedBytes() - allocated) / runs / 1024.0:F1} KB each, a gen0 collection every {runs / (double)Math.Max(1, GC.CollectionCount(0) - collections):F1} requests ({(GC.GetGCMemoryInfo().GenerationInfo[0].SizeBeforeBytes / 1024)} KB of gen0 before the last), {(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / runs:F1} µs each paused by the collector"));
    }
}
