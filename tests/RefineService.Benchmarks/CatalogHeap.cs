using System.Diagnostics;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>What the loaded catalog keeps on the managed heap, and how long its first load takes in a fresh process (JIT included).</summary>
public static class CatalogHeap
{
    public static void Run(TextWriter output)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var catalog = ActionCatalog.LoadEmbedded();
        var firstLoad = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(catalog);

        output.WriteLine($"catalog: {catalog.Services.Count} services, {catalog.Count} actions");
        output.WriteLine($"first load in this process (cold, JIT included): {firstLoad.TotalMilliseconds:F1} ms");
        output.WriteLine($"managed heap retained by the loaded catalog: {(after - before) / 1024.0 / 1024.0:F2} MB ({after - before} bytes)");
    }
}
