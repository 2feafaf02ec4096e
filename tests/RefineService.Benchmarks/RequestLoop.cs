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
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await benchmarks.JsonInAndOut();
            runs++;
        }

        output.WriteLine($"{workload}: {runs} requests in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMicroseconds / runs:F1} µs each");
    }
}
