using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RefineService.Api.Contracts;

namespace RefineService.Cli.Tests;

/// <summary><c>refine account</c>: the accounts endpoint's answer from files, its output formats, its folder, its exit codes and its bad inputs, in process and as a real process.</summary>
public sealed class AccountCliTests : IDisposable
{
    private const string OrdersApi = "arn:aws:iam::123456789012:role/orders-api";
    private const string ReportsJob = "arn:aws:iam::123456789012:role/reports-job";

    private readonly CliRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task AnAccountThroughTheToolGivesTheSameAnswerAsThroughTheEndpoint()
    {
        var request = CliRun.ExampleAccount();

        var api = await EndpointAsync(request);
        var cli = await CliRun.InProcessAsync(["account", Account(request), "--findings", FindingsFolder(request)]);

        Assert.Equal(Timeless(api), Timeless(JsonNode.Parse(cli.Out)!));
    }

    [Fact]
    public async Task FiltersAndActivityDataGiveTheSameAnswerAsThroughTheEndpoint()
    {
        var request = CliRun.ExampleAccount();
        var activity = new JsonArray(
            new JsonObject { ["principalArn"] = OrdersApi, ["usedActions"] = new JsonArray("s3:GetObject", new JsonObject { ["action"] = "logs:PutLogEvents", ["lastAccessed"] = "2023-01-01T00:00:00Z" }) },
            new JsonObject { ["principalArn"] = "arn:aws:iam::123456789012:user/bob", ["usedActions"] = new JsonArray("lambda:Get*") });
        request["activity"] = activity;
        request["options"] = new JsonObject
        {
            ["unusedForDays"] = 90,
            ["asOf"] = "2024-05-01T00:00:00Z",
            ["keep"] = new JsonArray("s3:GetObjectAcl", "*:Delete*"),
            ["accessLevels"] = new JsonArray("Write", "Permissions management"),
            ["skipStatements"] = new JsonArray("ReadAndWrite"),
            ["explain"] = true,
            ["details"] = true,
        };

        var api = await EndpointAsync(request);
        var cli = await CliRun.InProcessAsync(
        [
            "account", Account(request), "--findings", FindingsFolder(request), "--activity", _run.File("activity.json", activity.ToJsonString()),
            "--unused-for-days", "90", "--as-of", "2024-05-01T00:00:00Z", "--keep", "s3:GetObjectAcl", "--keep", "*:Delete*",
            "--access-level", "Write", "--access-level", "Permissions management", "--skip-statement", "ReadAndWrite", "--explain", "--details",
        ]);

        Assert.Equal(Timeless(api), Timeless(JsonNode.Parse(cli.Out)!));
        Assert.Contains("\"explained\"", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWholeRequestOfTheEndpointIsReadAsTheEndpointReadsIt()
    {
        var request = CliRun.ExampleAccount();

        var api = await EndpointAsync(request);
        var cli = await CliRun.InProcessAsync(["account", _run.File("request.json", request.ToJsonString())]);

        Assert.Equal(Timeless(api), Timeless(JsonNode.Parse(cli.Out)!));
    }

    [Fact]
    public async Task APrincipalThatFailedIsToldOnStandardErrorAndTheRunExitsWithOneAfterTheWholeAnswer()
    {
        var request = CliRun.ExampleAccount();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", FindingsFolder(request)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(6, JsonNode.Parse(result.Out)!["principals"]!.AsArray().Count);
        Assert.Equal(
            [
                "refine: arn:aws:iam::123456789012:role/legacy-keys: FAILED DefaultPolicyVersionMissing",
                "refine: arn:aws:iam::123456789012:role/deleted-last-week: FAILED PrincipalNotInAuthorizationDetails",
            ],
            result.Error.TrimEnd().Split('\n').Select(l => l[..l.IndexOf(": ", l.IndexOf("FAILED", StringComparison.Ordinal), StringComparison.Ordinal)]));
        Assert.Contains("($.findings[5].resource)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)]
    public async Task ChangesExitWithTwoOnlyWithExitCode(bool exitCode, int expected)
    {
        var request = Answerable();
        string[] args = ["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString())];

        var result = await CliRun.InProcessAsync(exitCode ? [.. args, "--exit-code"] : args);

        Assert.Equal((expected, string.Empty), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task NothingToChangeExitsWithZeroEvenWithExitCode()
    {
        var request = Answerable();
        foreach (var finding in request["findings"]!.AsArray())
        {
            finding!["findingDetails"] = new JsonArray(new JsonObject { ["unusedPermissionDetails"] = new JsonObject { ["serviceNamespace"] = "ec2", ["actions"] = new JsonArray("RunInstances") } });
        }

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString()), "--exit-code"]);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task OutWritesEachPrincipalItsRecommendedPoliciesTheSharedPoliciesAndASummary()
    {
        var request = CliRun.ExampleAccount();
        var folder = _run.PathOf("campaign");

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", FindingsFolder(request), "--out", folder]);

        Assert.Equal(string.Empty, result.Out);
        var answer = JsonSerializer.Deserialize<PrincipalRecommendation>(File.ReadAllText(Path.Combine(folder, "principals", "role_orders-api.json")), ServiceJson.Options)!;
        Assert.Equal(OrdersApi, answer.PrincipalArn);
        var step = answer.FindingRecommendation.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).First(s => s.ExistingPolicyId == "OrdersLogs");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(step.RecommendedPolicy!), JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "principals", "role_orders-api", "OrdersLogs.json")))));
        Assert.True(File.Exists(Path.Combine(folder, "principals", "role_orders-api", "SharedS3.json")));
        Assert.True(File.Exists(Path.Combine(folder, "principals", "role_deleted-last-week.json")));
        Assert.Equal(["DevelopersLambda.json", "SharedS3.json", "developers_DevelopersLogs.json"], Directory.GetFiles(Path.Combine(folder, "shared")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var summary = JsonSerializer.Deserialize<AccountSummary>(File.ReadAllText(Path.Combine(folder, "summary.json")), ServiceJson.Options)!;
        Assert.Equal(6, summary.Totals.Principals);
        var shared = summary.SharedPolicies.Single(s => s.PolicyId == "arn:aws:iam::123456789012:policy/SharedS3").Recommendation!.RecommendedPolicy!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(shared.ToCompactJson()), JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "shared", "SharedS3.json")))));
    }

    [Fact]
    public async Task WithOutAnOutputAskedForIsStillWritten()
    {
        var request = Answerable();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString()), "--out", _run.PathOf("out"), "-o", "steps"]);

        Assert.Equal(0, result.ExitCode);
        var steps = JsonSerializer.Deserialize<List<FindingRecommendation>>(result.Out, ServiceJson.Options)!;
        Assert.Equal(request["findings"]!.AsArray().Select(f => (string?)f!["resource"]), steps.Select(s => s.ResourceArn));
    }

    [Fact]
    public async Task DiffOutputNamesEachChangedPolicyThenItsDiff()
    {
        var request = Answerable();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString()), "-o", "diff"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"diff {OrdersApi} OrdersLogs\n--- original\n+++ recommended\n@@ ", result.Out, StringComparison.Ordinal);
        Assert.Contains("-        \"logs:DeleteLogGroup\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("diff shared arn:aws:iam::123456789012:policy/SharedS3\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public async Task AFileOfOneFindingAndAFolderOfListsAreReadAsTheSameFindings()
    {
        var request = Answerable();
        var findings = request["findings"]!.AsArray();
        var folder = _run.PathOf("lists");
        _run.File("lists/a.json", new JsonArray(findings[0]!.DeepClone(), findings[1]!.DeepClone()).ToJsonString());
        _run.File("lists/b.json", findings[2]!.ToJsonString());
        _run.File("lists/c.json", new JsonArray([.. findings.Skip(3).Select(f => f!.DeepClone())]).ToJsonString());
        _run.File("lists/notes.txt", "not read");

        var fromFolder = await CliRun.InProcessAsync(["account", Account(request), "--findings", folder, "-o", "steps"]);
        var fromFile = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("all.json", findings.ToJsonString()), "-o", "steps"]);
        var one = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("one.json", findings[0]!.ToJsonString()), "-o", "steps"]);

        Assert.Equal(Timeless(JsonNode.Parse(fromFile.Out)!), Timeless(JsonNode.Parse(fromFolder.Out)!));
        Assert.Equal(OrdersApi, Assert.Single(JsonNode.Parse(one.Out)!.AsArray())!["resourceArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAccountThatIsNotJsonIsBadInputNamingItsLineAndPosition()
    {
        var account = _run.File("account.json", "{\n  \"RoleDetailList\": [,\n}");

        var result = await CliRun.InProcessAsync(["account", account, "--findings", _run.File("f.json", CliRun.ExampleAccount()["findings"]!.ToJsonString())]);

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Out));
        Assert.Equal($"refine: ACCOUNT: '{account}' is not valid JSON (line 2, position 22).", result.Error.TrimEnd());
    }

    [Fact]
    public async Task AFindingForAPrincipalTheAccountLacksIsToldWithItsPathAndTheRestIsAnswered()
    {
        var request = Answerable();
        request["findings"]![0]!["resource"] = "arn:aws:iam::123456789012:role/no-such-role";

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString())]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "refine: arn:aws:iam::123456789012:role/no-such-role: FAILED PrincipalNotInAuthorizationDetails: 'arn:aws:iam::123456789012:role/no-such-role' ($.findings[0].resource) is not a role or user of 'authorizationDetails': check that the details are of the finding's account, and whole.",
            result.Error.TrimEnd());
        Assert.Equal("SUCCEEDED", JsonNode.Parse(result.Out)!["principals"]![1]!["findingRecommendation"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmptyStandardInputIsBadInput()
    {
        var result = await CliRun.InProcessAsync(["account", "-", "--findings", _run.File("f.json", "[]")], standardInput: "\n");

        Assert.Equal((1, "refine: ACCOUNT: standard input is empty."), (result.ExitCode, result.Error.TrimEnd()));
    }

    [Theory]
    [InlineData("--access-level", "Writes", "$.options.accessLevels[0]: 'Writes' is not an access level")]
    [InlineData("--keep", "not a pattern", "$.options.keep[0]: 'not a pattern' is not an action pattern IAM takes")]
    [InlineData("--unused-for-days", "0", "$.options.unusedForDays: 'unusedForDays' is a number of days from 1 to 3650")]
    [InlineData("--as-of", "yesterday", "$.options.asOf: ")]
    public async Task AFlagTheServiceWouldRefuseIsBadInputAtItsOptionsPath(string flag, string value, string error)
    {
        var request = Answerable();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString()), flag, value]);

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Out));
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFindingThatBreaksTheRulesFailsItsPrincipalAtItsPathInTheList()
    {
        var request = Answerable();
        var detail = request["findings"]![1]!["findingDetails"]![0]!.AsObject();
        detail["unusedPermissionDetail"] = detail["unusedPermissionDetails"]!.DeepClone();
        detail.Remove("unusedPermissionDetails");
        var arn = request["findings"]![1]!["resource"]!.GetValue<string>();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString())]);

        // The rest of the account is answered; the principal is told on standard error, and fails the run.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(request["findings"]!.AsArray().Count, JsonNode.Parse(result.Out)!["principals"]!.AsArray().Count);
        Assert.StartsWith($"refine: {arn}: FAILED FindingInvalid: The finding at $.findings[1] breaks 1 rule(s): $.findings[1].findingDetails[0]: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeitherFindingsNorActivityIsRefusedAsTheEndpointRefusesIt()
    {
        var result = await CliRun.InProcessAsync(["account", Account(CliRun.ExampleAccount())]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("$.findings: Give 'findings'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnATerminalProgressIsShownOnStandardErrorAndWipedWhenDone()
    {
        var request = Answerable();

        var result = await CliRun.InProcessAsync(["account", Account(request), "--findings", _run.File("findings.json", request["findings"]!.ToJsonString())], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\r" + AccountProgress.Format(4, 4), result.Error, StringComparison.Ordinal);
        Assert.EndsWith("\r", result.Error, StringComparison.Ordinal);

        // Nothing but progress lines, rewritten in place.
        Assert.Matches(@"^(\rprincipals [1-4]/4 *|\r *\r)+$", result.Error);
    }

    [Fact]
    public void TheProgressLineCountsThePrincipalsAnswered() =>
        Assert.Equal("principals 120/1000", AccountProgress.Format(120, 1000));

    [Fact]
    public async Task AsARealProcessTheAccountComesFromStandardInputAndNothingExtraIsWrittenToARedirectedStandardError()
    {
        var request = Answerable();

        var result = await CliRun.ProcessAsync(["account", "-", "--findings", _run.File("findings.json", request["findings"]!.ToJsonString()), "--exit-code"], request["authorizationDetails"]!.ToJsonString());

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Error));
        Assert.Equal(4, JsonNode.Parse(result.Out)!["principals"]!.AsArray().Count);
    }

    [Fact]
    public async Task AsARealProcessBadInputExitsWithOneAndTheReasonOnStandardError()
    {
        var result = await CliRun.ProcessAsync(["account", "-", "--findings", _run.File("f.json", "[]")], "not json");

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Out));
        Assert.Equal("refine: ACCOUNT: 'standard input' is not valid JSON (line 1, position 2).", result.Error.TrimEnd());
    }

    // The example account less the principals that fail (a policy without its default version, a principal it lacks).
    private static JsonObject Answerable()
    {
        var request = CliRun.ExampleAccount();
        var findings = request["findings"]!.AsArray();
        foreach (var failing in findings.Where(f => f!["resource"]!.GetValue<string>() is "arn:aws:iam::123456789012:role/legacy-keys" or "arn:aws:iam::123456789012:role/deleted-last-week").ToList())
        {
            findings.Remove(failing);
        }

        return request;
    }

    private string Account(JsonObject request) => _run.File("account.json", request["authorizationDetails"]!.ToJsonString());

    // One file per finding, as 'aws accessanalyzer get-finding-v2 ... > findings/NN.json' would leave them.
    private string FindingsFolder(JsonObject request)
    {
        var findings = request["findings"]!.AsArray();
        for (var i = 0; i < findings.Count; i++)
        {
            _run.File(FormattableString.Invariant($"findings/{i:00}.json"), findings[i]!.ToJsonString());
        }

        return _run.PathOf("findings");
    }

    private static async Task<JsonNode> EndpointAsync(JsonObject request)
    {
        await using var service = new WebApplicationFactory<RecommendationRequest>().WithWebHostBuilder(host => host.UseSetting("Serilog:MinimumLevel:Default", "Warning"));
        using var client = service.CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/accounts/recommendations", request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    // The clock's readings differ between two answers.
    private static string Timeless(JsonNode answer)
    {
        var copy = answer.DeepClone();
        var recommendations = copy is JsonArray list ? list.Select(n => n!.AsObject()) : copy["principals"]!.AsArray().Select(p => p!["findingRecommendation"]!.AsObject());
        foreach (var found in recommendations)
        {
            found.Remove("startedAt");
            found.Remove("completedAt");
        }

        return copy.ToJsonString();
    }
}
