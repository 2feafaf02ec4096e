using BenchmarkDotNet.Running;

namespace RefineService.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/RefineService.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
