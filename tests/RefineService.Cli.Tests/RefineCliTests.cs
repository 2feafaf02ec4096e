using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RefineService.Api.Contracts;

namespace RefineService.Cli.Tests;

/// <summary><c>refine</c>: every command, output format, exit code and bad input, in process and as a real process.</summary>
public sealed class RefineCliTests : IDisposable
{
    private readonly CliRun _run = new();

    public void Dispose() => _run.Dispose();

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    private static RecommendationResponse Answer(CliResult result) =>
        JsonSerializer.Deserialize<RecommendationResponse>(result.Out, ServiceJson.Options)!;

    [Fact]
    public async Task TheSeedExampleThroughTheToolGivesTheSameRecommendedPolicyAsThroughTheApi()
    {
        await using var service = new WebApplicationFactory<RecommendationRequest>().WithWebHostBuilder(host =>
            host.UseSetting("Serilog:MinimumLevel:Default", "Warning"));
        using var client = service.CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/recommendations", CliRun.SeedRequest(), TestContext.Current.CancellationToken);
        var api = Json(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var cli = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "--output", "policy"]);

        Assert.Equal(0, cli.ExitCode);
        Assert.True(JsonNode.DeepEquals(api["recommendations"]![0]!["recommendedPolicy"], Json(cli.Out)), cli.Out);
    }

    [Fact]
    public async Task JsonOutputIsTheApisAnswerInItsContract()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused]);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Error));
        var answer = Answer(result);
        var recommendation = Assert.Single(answer.Recommendations);
        Assert.Equal(RecommendedAction.CreatePolicy, recommendation.RecommendedAction);
        Assert.Equal(["lambda:Invoke*"], recommendation.RecommendedPolicy!.Statements[0].Entries);
        Assert.Equal("0.21.202609261", answer.CatalogVersion);
        Assert.Equal(["catalogVersion", "recommendations", "recommendedSteps", "remediations", "warnings"], Json(result.Out).AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task AWholeFindingNamesThePrincipalAndStepsOutputIsItsFindingRecommendation()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--finding", CliRun.SeedFinding, "--policy-id", "arn:aws:iam::123456789012:policy/p", "-o", "steps"]);

        Assert.Equal(0, result.ExitCode);
        var steps = JsonSerializer.Deserialize<FindingRecommendation>(result.Out, ServiceJson.Options)!;
        Assert.Equal("arn:aws:iam::123456789012:role/my-lambda-role", steps.ResourceArn);
        Assert.Equal(RecommendationStatus.Succeeded, steps.Status);
        Assert.All(steps.RecommendedSteps, s => Assert.Equal("arn:aws:iam::123456789012:policy/p", s.UnusedPermissionsRecommendedStep.ExistingPolicyId));
    }

    [Fact]
    public async Task AFindingDetailsListAloneIsReadAsFindingDetails()
    {
        var details = _run.File("details.json", Json(File.ReadAllText(CliRun.SeedFinding))["findingDetails"]!.ToJsonString());

        var whole = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--finding", CliRun.SeedFinding, "-o", "policy"]);
        var list = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--finding", details, "-o", "policy"]);

        Assert.Equal((0, 0), (whole.ExitCode, list.ExitCode));
        Assert.Equal(whole.Out, list.Out);
    }

    [Fact]
    public async Task StepsOutputWithoutAPrincipalIsTheStepsAlone()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "-o", "steps"]);

        var steps = Json(result.Out).AsArray();
        Assert.Equal(["CREATE_POLICY", "DETACH_POLICY"], steps.Select(s => (string)s!["unusedPermissionsRecommendedStep"]!["recommendedAction"]!));
    }

    [Fact]
    public async Task DiffOutputIsPlainWhenRedirectedAndColouredOnATerminal()
    {
        var plain = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "-o", "diff"]);
        var coloured = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "-o", "diff"], terminal: true);

        Assert.StartsWith("--- original\n+++ recommended\n@@ ", plain.Out, StringComparison.Ordinal);
        Assert.Contains("\n-        \"s3:Get*\",\n", plain.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plain.Out);
        Assert.Contains("\u001b[31m-        \"s3:Get*\",\u001b[0m", coloured.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[32m+        \"s3:GetObject*\",\u001b[0m", coloured.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyOutputOfAPolicyWithNothingLeftSaysToDetachIt()
    {
        var policy = _run.File("lambda.json", """{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*" }] }""");

        var result = await CliRun.InProcessAsync(["policy", policy, "--unused", _run.SeedUnused, "-o", "policy", "--exit-code"]);

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Out));
        Assert.Contains("DETACH_POLICY", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)]
    public async Task ChangesExitWithTwoOnlyWithExitCode(bool exitCode, int expected)
    {
        string[] args = ["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "-o", "policy"];

        var result = await CliRun.InProcessAsync(exitCode ? [.. args, "--exit-code"] : args);

        Assert.Equal(expected, result.ExitCode);
    }

    [Fact]
    public async Task NothingToChangeExitsWithZeroEvenWithExitCode()
    {
        var policy = _run.File("ec2.json", """{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" }] }""");

        var result = await CliRun.InProcessAsync(["policy", policy, "--unused", _run.SeedUnused, "--exit-code"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(RecommendedAction.None, Assert.Single(Answer(result).Recommendations).RecommendedAction);
    }

    [Fact]
    public async Task OptionsReachTheRefinement()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", _run.SeedUnused, "--wildcards", "none", "--kind", "inlineUser", "--explain"]);

        var recommendation = Assert.Single(Answer(result).Recommendations);
        Assert.DoesNotContain(recommendation.Changes.SelectMany(c => c.Added), entry => entry.EndsWith('*'));
        Assert.Equal(2048, recommendation.Size.Limit);
    }

    [Fact]
    public async Task UsedActionsAndFiltersGiveWhatTheApiGivesForTheSameRequest()
    {
        var request = CliRun.SeedRequest();
        request.Remove("unusedPermissions");
        request["usedActions"] = new JsonArray("s3:GetObject", new JsonObject { ["action"] = "lambda:InvokeFunction", ["lastAccessed"] = "2024-01-01T00:00:00Z" });
        request["options"] = new JsonObject { ["unusedForDays"] = 90, ["asOf"] = "2024-06-01T00:00:00Z", ["keep"] = new JsonArray("s3:List*"), ["accessLevels"] = new JsonArray("Read", "List") };
        await using var service = new WebApplicationFactory<RecommendationRequest>().WithWebHostBuilder(host => host.UseSetting("Serilog:MinimumLevel:Default", "Warning"));
        using var client = service.CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/recommendations", request, TestContext.Current.CancellationToken);
        var api = Json(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var cli = await CliRun.InProcessAsync(
        [
            "policy", _run.SeedPolicy, "--used", _run.File("used.json", request["usedActions"]!.ToJsonString()),
            "--unused-for-days", "90", "--as-of", "2024-06-01T00:00:00Z", "--keep", "s3:List*", "--access-level", "Read", "--access-level", "List", "-o", "policy",
        ]);

        Assert.Equal(0, cli.ExitCode);
        Assert.True(JsonNode.DeepEquals(api["recommendations"]![0]!["recommendedPolicy"], Json(cli.Out)), cli.Out);
    }

    [Fact]
    public async Task APolicyWithAFaultIsBadInputReportedAtItsPathInTheServicesWords()
    {
        var policy = _run.File("bad.json", """{ "Version": "2012-10-17", "Statement": [{ "Effect": "Permit", "Action": "s3 Get", "Resource": "*" }] }""");

        var result = await CliRun.InProcessAsync(["policy", policy, "--unused", _run.SeedUnused]);

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Out));
        Assert.Equal(
            [
                "$.policy.Statement[0].Action: 's3 Get' is not an action: write service:action, such as \"s3:GetObject\" or \"s3:Get*\", or \"*\" for every action.",
                "$.policy.Statement[0].Effect: 'Effect' must be \"Allow\" or \"Deny\".",
            ],
            result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AFileThatIsNotJsonIsBadInputNamingItsLineAndPosition()
    {
        var finding = _run.File("finding.json", "{\n  \"id\": ,\n}");

        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--finding", finding]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"refine: --finding: '{finding}' is not valid JSON (line 2, position 9).", result.Error.TrimEnd());
    }

    [Fact]
    public async Task APolicyThatIsNotJsonIsReportedAtItsPathAsTheServiceWould()
    {
        var policy = _run.File("policy.txt", "Version: 2012-10-17");

        var result = await CliRun.InProcessAsync(["policy", policy, "--unused", _run.SeedUnused]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("$.policy: The string does not hold valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableFindingIsReportedAtEachPath()
    {
        var finding = Json(File.ReadAllText(CliRun.SeedFinding));
        finding["createdAt"] = "yesterday";
        finding["findingDetails"]![0]!["unusedPermissionDetail"] = finding["findingDetails"]![0]!["unusedPermissionDetails"]!.DeepClone();
        finding["findingDetails"]![0]!.AsObject().Remove("unusedPermissionDetails");

        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--finding", _run.File("finding.json", finding.ToJsonString())]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.Equal(["$.finding.createdAt", "$.finding.findingDetails[0]"], lines.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task EmptyStandardInputIsBadInput()
    {
        var result = await CliRun.InProcessAsync(["policy", "-", "--unused", _run.SeedUnused], standardInput: "  \n");

        Assert.Equal((1, "refine: POLICY: standard input is empty."), (result.ExitCode, result.Error.TrimEnd()));
    }

    [Fact]
    public async Task AMissingFileIsBadInputNamingIt()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy, "--unused", "no-such-file.json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("refine: --unused: cannot read 'no-such-file.json'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutUnusedActionsTheRequestIsRefusedAsTheServiceRefusesIt()
    {
        var result = await CliRun.InProcessAsync(["policy", _run.SeedPolicy]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("$: Give the unused actions", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy", "--output", "yaml")]
    [InlineData("policy", "--no-such-option")]
    [InlineData("no-such-command")]
    public async Task ACommandLineTheParserRefusesExitsWithOne(params string[] args)
    {
        var result = await CliRun.InProcessAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    [Fact]
    public async Task ExpandListsTheActionsEachPatternMatches()
    {
        var result = await CliRun.InProcessAsync(["expand", "s3:GetObjectA*", "lambda:InvokeFunction"]);

        Assert.Equal(0, result.ExitCode);
        var answer = JsonSerializer.Deserialize<ExpandActionsResponse>(result.Out, ServiceJson.Options)!;
        Assert.Equal(["s3:GetObjectA*", "lambda:InvokeFunction"], answer.Patterns.Select(p => p.Pattern));
        Assert.Contains(answer.Patterns[0].Actions, a => a.Action == "s3:GetObjectAcl");
        Assert.Equal(1, answer.Patterns[1].ActionCount);
    }

    [Fact]
    public async Task ExpandRefusesAPatternAsTheServiceDoes()
    {
        var result = await CliRun.InProcessAsync(["expand", "s3 Get"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("$.patterns[0]: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogShowsTheCatalogsVersionAndCounts()
    {
        var result = await CliRun.InProcessAsync(["catalog"]);

        var catalog = JsonSerializer.Deserialize<CatalogInfo>(result.Out, ServiceJson.Options)!;
        Assert.Equal((0, "0.21.202609261"), (result.ExitCode, catalog.Version));
        Assert.True(catalog.ActionCount > 20_000);
    }

    [Fact]
    public async Task AsARealProcessThePolicyComesFromStandardInputAndTheExitCodeReachesThePipeline()
    {
        var policy = File.ReadAllText(_run.SeedPolicy);

        var result = await CliRun.ProcessAsync(["policy", "-", "--unused", _run.SeedUnused, "-o", "policy", "--exit-code"], policy);

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Error));
        Assert.Contains("\"s3:GetObject*\"", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public async Task AsARealProcessBadInputExitsWithOneAndTheReasonOnStandardError()
    {
        var result = await CliRun.ProcessAsync(["policy", "-", "--unused", _run.SeedUnused], "{}");

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Out));
        Assert.Contains("$.policy", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsARealProcessExpandAndCatalogAnswer()
    {
        var expand = await CliRun.ProcessAsync(["expand", "s3:GetObjectAcl"]);
        var catalog = await CliRun.ProcessAsync(["catalog"]);

        Assert.Equal((0, 0), (expand.ExitCode, catalog.ExitCode));
        Assert.Contains("\"s3:GetObjectAcl\"", expand.Out, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"0.21.202609261\"", catalog.Out, StringComparison.Ordinal);
    }
}
