using System.CommandLine;
using RefineService.Api.Endpoints;

namespace RefineService.Cli;

/// <summary><c>refine catalog</c>: the action catalog's source, version and counts, as <c>GET /v1/catalog</c> gives them.</summary>
internal static class CatalogCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("catalog", "Show the action catalog the tool refines against.");
        command.SetAction((_, _) => RefineCommand.Guarded(console, async () =>
        {
            var pipeline = ServicePipeline.Create();
            await console.Out.WriteLineAsync(pipeline.Write(CatalogApi.GetCatalog(pipeline.Catalog, pipeline.Freshness).Value!));
            return ExitCodes.Success;
        }));
        return command;
    }
}
