using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RefineService.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/RefineService.Benchmarks -- --filter '*'</c>;
/// or one of the measurements the scripts drive: <c>catalog-heap</c>, <c>peer-match PATTERNS OUTPUT</c>, <c>peer-shrink SAMPLE OUTPUT</c>,
/// <c>request-loop WORKLOAD SECONDS</c> (the whole request path in a loop, for a profiler), <c>request-ratio SECONDS</c> (the seed
/// and the seed as a whole finding in turns: what the finding costs beside the seed).
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        switch (args)
        {
            case ["catalog-heap"]:
                CatalogHeap.Run(Console.Out);
                break;
            case ["request-loop", var workload, var seconds]:
                RequestLoop.RunAsync(workload, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), Console.Out).GetAwaiter().GetResult();
                break;
            case ["request-ratio", var seconds]:
                RequestRatio.RunAsync(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), Console.Out).GetAwaiter().GetResult();
                break;
            case ["account-stages", var account]:
                AccountBenchmarks.Stages(account, Console.Out);
                break;
            case ["peer-match", var patterns, var output]:
                PeerMatch.Run(patterns, output, Console.Out);
                break;
            case ["peer-shrink", var sample, var output]:
                PeerShrink.Run(sample, output, Console.Out);
                break;
            default:
                // Workload names in full: "largest-AWSSupportServiceRolePolicy" and "largest-AWSConfigServiceRolePolicy" must stay apart.
                var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
                break;
        }
    }
}
