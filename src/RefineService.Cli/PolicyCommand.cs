using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;

namespace RefineService.Cli;

/// <summary><c>refine policy POLICY [--finding FILE] [--unused FILE] ...</c>: one policy's recommendation, as <c>POST /v1/recommendations</c> gives it.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("POLICY") { Description = "The IAM policy document: a file, or - for standard input. JSON, or URL-encoded JSON as IAM's query API returns it." };
        var finding = new Option<string?>("--finding") { Description = "A whole GetFindingV2 answer as 'aws accessanalyzer get-finding-v2' prints it (or only its findingDetails list): a file, or -." };
        var unused = new Option<string?>("--unused") { Description = "The unused actions as the API's 'unusedPermissions' list (or a request holding one): a file, or -." };
        var policyId = new Option<string?>("--policy-id") { Description = "What the policy is: its ARN (managed) or its name (inline); the steps name it." };
        var kind = new Option<string?>("--kind") { Description = "The policy's kind, which sets IAM's size limit." };
        kind.AcceptOnlyFromAmong("managed", "awsManaged", "inlineRole", "inlineUser", "inlineGroup");
        var updatedAt = new Option<string?>("--policy-updated-at") { Description = "When the policy was last updated (any timestamp form AWS's tools print)." };
        var resourceArn = new Option<string?>("--resource-arn") { Description = "The principal's ARN, when no --finding names it." };
        var wildcards = new Option<string?>("--wildcards") { Description = "How a wildcard covering unused actions is rewritten: prefix (default) or none." };
        wildcards.AcceptOnlyFromAmong("prefix", "none");
        var explain = new Option<bool>("--explain") { Description = "Give each replaced wildcard the trie that chose its replacements (json output)." };
        var output = new Option<string>("--output", "-o") { Description = "What to write: json (the API's answer), policy, diff or steps.", DefaultValueFactory = _ => "json" };
        output.AcceptOnlyFromAmong([.. Enum.GetNames<OutputFormat>().Select(n => n.ToLowerInvariant())]);
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 2 when changes are recommended, 0 when there is nothing to change." };
        var used = new Option<string?>("--used") { Description = "The actions the principal used, as the API's 'usedActions' list (names, or { action, lastAccessed }): a file, or -." };
        var lastAccessed = new Option<string?>("--last-accessed") { Description = "IAM's last accessed report as 'aws iam get-service-last-accessed-details' prints it: a file, or -." };
        var filters = FilterOptions.Create();

        var command = new Command("policy", "Recommend the refined policy, as POST /v1/recommendations does.")
        {
            policy, finding, unused, used, lastAccessed, policyId, kind, updatedAt, resourceArn, wildcards, explain, output, exitCode,
        };
        filters.AddTo(command);
        command.SetAction((parsed, cancellationToken) => RefineCommand.Guarded(console, async () =>
        {
            var files = new InputFiles(console.In);
            var request = new JsonObject { ["policy"] = files.Text(parsed.GetRequiredValue(policy), "POLICY") };
            AddIfGiven(request, "policyId", parsed.GetValue(policyId));
            AddIfGiven(request, "policyKind", parsed.GetValue(kind));
            AddIfGiven(request, "policyUpdatedAt", parsed.GetValue(updatedAt));
            AddIfGiven(request, "resourceArn", parsed.GetValue(resourceArn));
            if (parsed.GetValue(finding) is { } findingFile)
            {
                // A whole GetFindingV2 answer, or only its findingDetails list.
                var json = files.Json(findingFile, "--finding");
                request[json is JsonArray ? "findingDetails" : "finding"] = json;
            }

            if (parsed.GetValue(unused) is { } unusedFile)
            {
                // The list itself, or a request (such as the API's example) holding one.
                var json = files.Json(unusedFile, "--unused");
                request["unusedPermissions"] = json is JsonObject holder && holder["unusedPermissions"] is { } list ? list.DeepClone() : json;
            }

            if (parsed.GetValue(used) is { } usedFile)
            {
                // The list itself, or a request holding one.
                var json = files.Json(usedFile, "--used");
                request["usedActions"] = json is JsonObject holder && holder["usedActions"] is { } list ? list.DeepClone() : json;
            }

            if (parsed.GetValue(lastAccessed) is { } reportFile)
            {
                request["lastAccessedDetails"] = files.Json(reportFile, "--last-accessed");
            }

            var options = filters.Read(parsed);
            AddIfGiven(options, "wildcards", parsed.GetValue(wildcards));
            if (parsed.GetValue(explain))
            {
                options["explain"] = true;
            }

            if (options.Count > 0)
            {
                request["options"] = options;
            }

            var pipeline = ServicePipeline.Create();
            var body = JsonSerializer.SerializeToElement(request);
            var read = await pipeline.ReadAsync<RecommendationRequest>(body, cancellationToken);
            var answer = RecommendationsApi.Recommend(
                read, pipeline.Catalog, pipeline.Diagnostics, TimeProvider.System, freshness: pipeline.Freshness, cancellationToken: cancellationToken).Value!;
            await WriteAsync(console, pipeline, answer, Enum.Parse<OutputFormat>(parsed.GetRequiredValue(output), ignoreCase: true));

            var changes = answer.Recommendations.Any(r => r.RecommendedAction != RecommendedAction.None);
            return parsed.GetValue(exitCode) && changes ? ExitCodes.ChangesRecommended : ExitCodes.Success;
        }));
        return command;
    }

    private static void AddIfGiven(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static async Task WriteAsync(CliConsole console, ServicePipeline pipeline, RecommendationResponse answer, OutputFormat format)
    {
        var recommendation = answer.Recommendations[0];
        switch (format)
        {
            case OutputFormat.Policy when recommendation.RecommendedPolicy is { } document:
                await console.Out.WriteLineAsync(document.ToJson(new JsonWriterOptions { Indented = true }));
                break;
            case OutputFormat.Policy:
                // Nothing is left of the policy: no document to write; the step to take is to detach it.
                await console.Error.WriteLineAsync("refine: nothing is left of the policy; detach it (DETACH_POLICY) rather than replace it.");
                break;
            case OutputFormat.Diff:
                await UnifiedDiff.WriteAsync(console.Out, recommendation.UnifiedDiff ?? string.Empty, colour: console.OutIsTerminal);
                break;
            case OutputFormat.Steps:
                await console.Out.WriteLineAsync(answer.FindingRecommendation is { } found ? pipeline.Write(found) : pipeline.Write(answer.RecommendedSteps));
                break;
            default:
                await console.Out.WriteLineAsync(pipeline.Write(answer));
                break;
        }
    }
}
