using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;

namespace RefineService.Cli;

/// <summary>
/// <c>refine account ACCOUNT --findings FILE|DIR [--activity FILE] [--out DIR] ...</c>: every principal of an account, as
/// <c>POST /v1/accounts/recommendations</c> answers it, with the same validators and the same refinement, in process.
/// </summary>
internal static class AccountCommand
{
    // What a whole request of the endpoint gives besides its details.
    private static readonly string[] RequestInputs = ["findings", "activity"];

    public static Command Create(CliConsole console)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "The output of 'aws iam get-account-authorization-details' (or a list of its pages), or a whole request of the accounts endpoint: a file, or - for standard input." };
        var findings = new Option<string?>("--findings") { Description = "GetFindingV2 answers as 'aws accessanalyzer get-finding-v2' prints them: a file holding one or a list of them, a folder of such *.json files (read in name order), or -." };
        var activity = new Option<string?>("--activity") { Description = "Activity data per principal, the endpoint's 'activity' list ({ principalArn, usedActions, lastAccessedDetails } each), or a request holding one: a file, or -." };
        var wildcards = new Option<string?>("--wildcards") { Description = "How a wildcard covering unused actions is rewritten: prefix (default) or none." };
        wildcards.AcceptOnlyFromAmong("prefix", "none");
        var explain = new Option<bool>("--explain") { Description = "Give each replaced wildcard the trie that chose its replacements, and each policy what was reported unused and why it was spared." };
        var detailsFlag = new Option<bool>("--details") { Description = "Give each policy's recommendation its recommendedPolicy and unifiedDiff (json output)." };
        var filters = FilterOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "What to write: json (the endpoint's answer), steps (each principal's findingRecommendation) or diff (every changed policy's unified diff).", DefaultValueFactory = _ => "json" };
        output.AcceptOnlyFromAmong("json", "steps", "diff");
        var outFolder = new Option<string?>("--out") { Description = "A folder to write one file per principal, each recommended policy, the shared policies and a summary into; standard output then stays empty unless --output is given." };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 2 when changes are recommended, 0 when there is nothing to change." };

        var command = new Command("account", "Recommend refined policies for every principal of an account, as POST /v1/accounts/recommendations does.")
        {
            account, findings, activity, wildcards, explain, detailsFlag, output, outFolder, exitCode,
        };
        filters.AddTo(command);
        command.SetAction((parsed, cancellationToken) => RefineCommand.Guarded(console, async () =>
        {
            var files = new InputFiles(console.In);
            var request = new JsonObject();
            var details = files.Json(parsed.GetRequiredValue(account), "ACCOUNT");
            if (details is JsonObject whole && whole["authorizationDetails"] is { } held)
            {
                // A whole request of the endpoint (its example, a saved body): its details, findings and activity; flags given win.
                request["authorizationDetails"] = held.DeepClone();
                foreach (var member in RequestInputs.Where(m => whole[m] is not null))
                {
                    request[member] = whole[member]!.DeepClone();
                }
            }
            else
            {
                request["authorizationDetails"] = details;
            }

            if (parsed.GetValue(findings) is { } findingsPath)
            {
                request["findings"] = Findings(files, findingsPath);
            }

            if (parsed.GetValue(activity) is { } activityFile)
            {
                // The list itself, or a request holding one.
                var json = files.Json(activityFile, "--activity");
                request["activity"] = json is JsonObject holder && holder["activity"] is { } list ? list.DeepClone() : json;
            }

            var format = Enum.Parse<OutputFormat>(parsed.GetRequiredValue(output), ignoreCase: true);
            var options = filters.Read(parsed);
            if (parsed.GetValue(wildcards) is { } mode)
            {
                options["wildcards"] = mode;
            }

            if (parsed.GetValue(explain))
            {
                options["explain"] = true;
            }

            // A diff needs the recommendations' diffs.
            if (parsed.GetValue(detailsFlag) || format == OutputFormat.Diff)
            {
                options["details"] = true;
            }

            if (options.Count > 0)
            {
                request["options"] = options;
            }

            var pipeline = ServicePipeline.Create();
            var read = await pipeline.ReadAsync<AccountRecommendationRequest>(JsonSerializer.SerializeToElement(request), cancellationToken);
            var answer = Answer(read, pipeline, console, cancellationToken);

            var folder = parsed.GetValue(outFolder);
            if (folder is not null)
            {
                await AccountFolder.WriteAsync(folder, answer, pipeline, cancellationToken);
            }

            if (folder is null || parsed.GetResult(output) is { Implicit: false })
            {
                await WriteAsync(console, pipeline, answer, format);
            }

            // A principal that could not be answered is told on standard error, and fails the run: a campaign must not pass over it unseen.
            var failed = answer.Principals.Where(p => p.FindingRecommendation.Status == RecommendationStatus.Failed).ToList();
            foreach (var principal in failed)
            {
                var error = principal.FindingRecommendation.Error!;
                await console.Error.WriteLineAsync($"refine: {principal.PrincipalArn ?? "(no principal)"}: FAILED {error.Code}: {error.Message}");
            }

            if (failed.Count > 0)
            {
                return ExitCodes.BadInput;
            }

            var changes = answer.Principals.Any(p => p.FindingRecommendation.RecommendedSteps.Count > 0)
                || answer.SharedPolicies.Any(s => s.Recommendation is { RecommendedAction: not RecommendedAction.None });
            return parsed.GetValue(exitCode) && changes ? ExitCodes.ChangesRecommended : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The endpoint's answer, made as the endpoint makes it: the principals refined in parallel, then the shared policies and totals.</summary>
    internal static AccountRecommendationResponse Answer(AccountRecommendationRequest request, ServicePipeline pipeline, CliConsole console, CancellationToken cancellationToken)
    {
        var refinement = new AccountRefinement(request, pipeline.Catalog, pipeline.Json, TimeProvider.System, cancellationToken);
        var principals = new PrincipalRecommendation[refinement.Count];
        var progress = new AccountProgress(console, refinement.Count, TimeProvider.System);
        Parallel.For(0, principals.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            principals[i] = refinement.Answer(i, cancellationToken);
            progress.Answered();
        });
        progress.Done();

        var summary = refinement.Summary();
        return new AccountRecommendationResponse
        {
            CatalogVersion = summary.CatalogVersion,
            Principals = principals,
            SharedPolicies = summary.SharedPolicies,
            Totals = summary.Totals,
            Warnings = summary.Warnings,
        };
    }

    // One finding, a list of them, or a folder of files holding either; in the folder's name order.
    private static JsonArray Findings(InputFiles files, string path)
    {
        if (path != "-" && Directory.Exists(path))
        {
            var found = new JsonArray();
            var names = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                throw new BadInputException($"--findings: the folder '{path}' holds no *.json file.");
            }

            foreach (var name in names)
            {
                Add(found, files.Json(name, "--findings"));
            }

            return found;
        }

        var findings = new JsonArray();
        Add(findings, files.Json(path, "--findings"));
        return findings;
    }

    private static void Add(JsonArray findings, JsonNode json)
    {
        foreach (var finding in json is JsonArray list ? [.. list] : new JsonNode?[] { json })
        {
            findings.Add(finding?.DeepClone());
        }
    }

    private static async Task WriteAsync(CliConsole console, ServicePipeline pipeline, AccountRecommendationResponse answer, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Steps:
                await console.Out.WriteLineAsync(pipeline.Write(answer.Principals.Select(p => p.FindingRecommendation).ToList()));
                break;
            case OutputFormat.Diff:
                // One diff per changed policy, each under a line naming whose and which, as 'git diff' names its files.
                foreach (var principal in answer.Principals)
                {
                    foreach (var recommendation in principal.Recommendations.Where(r => r.RecommendedAction != RecommendedAction.None && r.UnifiedDiff is not null))
                    {
                        await console.Out.WriteLineAsync($"diff {principal.PrincipalArn} {recommendation.PolicyId}");
                        await UnifiedDiff.WriteAsync(console.Out, recommendation.UnifiedDiff!, colour: console.OutIsTerminal);
                    }
                }

                foreach (var shared in answer.SharedPolicies.Where(s => s.Recommendation is { RecommendedAction: not RecommendedAction.None, UnifiedDiff: not null }))
                {
                    await console.Out.WriteLineAsync($"diff shared {shared.PolicyId}");
                    await UnifiedDiff.WriteAsync(console.Out, shared.Recommendation!.UnifiedDiff!, colour: console.OutIsTerminal);
                }

                break;
            default:
                await console.Out.WriteLineAsync(pipeline.Write(answer));
                break;
        }
    }
}
