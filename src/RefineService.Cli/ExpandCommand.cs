using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;

namespace RefineService.Cli;

/// <summary><c>refine expand PATTERN...</c>: the catalog actions each pattern matches, as <c>POST /v1/actions/expand</c> gives them.</summary>
internal static class ExpandCommand
{
    public static Command Create(CliConsole console)
    {
        var patterns = new Argument<string[]>("PATTERN") { Description = "IAM action patterns, as in a policy's Action: service:action with * and ? wildcards, or *.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("expand", "List the catalog actions that action patterns match.") { patterns };
        command.SetAction((parsed, cancellationToken) => RefineCommand.Guarded(console, async () =>
        {
            var pipeline = ServicePipeline.Create();
            var body = JsonSerializer.SerializeToElement(new JsonObject { ["patterns"] = new JsonArray([.. parsed.GetRequiredValue(patterns).Select(p => JsonValue.Create(p))]) });
            var request = await pipeline.ReadAsync<ExpandActionsRequest>(body, cancellationToken);
            await console.Out.WriteLineAsync(pipeline.Write(ActionsApi.Expand(request, pipeline.Catalog).Value!));
            return ExitCodes.Success;
        }));
        return command;
    }
}
