using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Refinement;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

/// <summary>Activity data instead of findings (<c>usedActions</c>, <c>lastAccessedDetails</c>) and the options that control what is removed.</summary>
public class RecommendationFilterTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Request(string actions, string? sid = null) => new()
    {
        ["policy"] = JsonNode.Parse($$"""
            { "Version": "2012-10-17", "Statement": [ { {{(sid is null ? "" : $"\"Sid\": \"{sid}\",")}} "Effect": "Allow", "Action": {{actions}}, "Resource": "*" } ] }
            """),
        ["resourceArn"] = "arn:aws:iam::123456789012:role/my-role",
    };

    /// <summary>IAM's answer as <c>aws iam get-service-last-accessed-details</c> prints it, for a role that used s3:GetObject and never sqs.</summary>
    private static JsonObject Report(string jobStatus = "COMPLETED", string jobType = "ACTION_LEVEL") => JsonNode.Parse($$"""
        {
          "JobStatus": "{{jobStatus}}",
          "JobType": "{{jobType}}",
          "JobCreationDate": "2026-11-30T10:00:00.123000+00:00",
          "ServicesLastAccessed": [
            {
              "ServiceName": "Amazon S3",
              "LastAuthenticated": "2026-11-28T09:12:00+00:00",
              "ServiceNamespace": "s3",
              "LastAuthenticatedEntity": "arn:aws:iam::123456789012:role/my-role",
              "LastAuthenticatedRegion": "us-east-1",
              "TotalAuthenticatedEntities": 1,
              "TrackedActionsLastAccessed": [
                { "ActionName": "GetObject", "LastAccessedEntity": "arn:aws:iam::123456789012:role/my-role", "LastAccessedRegion": "us-east-1", "LastAccessedTime": "2026-11-28T09:12:00+00:00" },
                { "ActionName": "PutObject" }
              ]
            },
            { "ServiceName": "Amazon SQS", "ServiceNamespace": "sqs", "TotalAuthenticatedEntities": 0 }
          ],
          "JobCompletionDate": "2026-11-30T10:00:05.456000+00:00",
          "IsTruncated": false
        }
        """)!.AsObject();

    private async Task<(RecommendationResponse Answer, JsonObject Wire)> RecommendAsync(JsonNode request)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAnswerAsync<RecommendationResponse>(), await response.ReadJsonAsync());
    }

    private async Task<string> ErrorAtAsync(JsonNode request, string key)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ReadErrorsAsync();
        Assert.True(errors.ContainsKey(key), $"No error at {key}; errors at: {string.Join(", ", errors.Keys)}");
        return Assert.Single(errors[key]);
    }

    private static string[] Actions(PolicyRecommendation recommendation) =>
        JsonNode.Parse(recommendation.RecommendedPolicy!.ToCompactJson())!["Statement"]![0]!["Action"] is JsonArray list
            ? [.. list.Select(a => a!.GetValue<string>())]
            : [JsonNode.Parse(recommendation.RecommendedPolicy!.ToCompactJson())!["Statement"]![0]!["Action"]!.GetValue<string>()];

    [Fact]
    public async Task UsedActionsRemoveEveryAllowedActionNotUsedAndSaySo()
    {
        var request = Request("""["s3:GetObject", "s3:PutObject", "sqs:SendMessage"]""");
        request["usedActions"] = new JsonArray("s3:GetObject", new JsonObject { ["action"] = "sqs:SendMessage", ["lastAccessed"] = "2026-11-01T00:00:00Z" });

        var (answer, _) = await RecommendAsync(request);

        var recommendation = Assert.Single(answer.Recommendations);
        Assert.Equal(["s3:GetObject", "sqs:SendMessage"], Actions(recommendation));
        Assert.Equal(1, recommendation.UnusedActions.RemovedBy["usedActions"]);
        Assert.Equal(0, recommendation.UnusedActions.RemovedBy["findings"]);
    }

    [Fact]
    public async Task ALastAccessedReportAsTheCliPrintsItRemovesWhatItShowsUnusedAndTellsPerService()
    {
        var request = Request("""["s3:GetObject", "s3:PutObject", "s3:ListBucket", "sqs:*"]""");
        request["lastAccessedDetails"] = Report();

        var (answer, wire) = await RecommendAsync(request);

        Assert.Equal(["s3:GetObject", "s3:ListBucket"], Actions(Assert.Single(answer.Recommendations)));
        var services = wire["lastAccessedServices"]!.AsArray();
        Assert.Equal("actionLevel", (string?)services[0]!["conclusion"]);
        Assert.Equal(2, (int)services[0]!["trackedActions"]!);
        Assert.Equal(1, (int)services[0]!["unusedActions"]!);
        Assert.Equal("notAuthenticated", (string?)services[1]!["conclusion"]);
        Assert.Equal("$.lastAccessedDetails.ServicesLastAccessed[1]", (string?)services[1]!["path"]);
        Assert.Empty(answer.Warnings);
    }

    [Fact]
    public async Task AReportWhoseJobIsNotCompletedIsRefusedAtItsJobStatus()
    {
        var request = Request("\"s3:GetObject\"");
        request["lastAccessedDetails"] = Report(jobStatus: "IN_PROGRESS");

        Assert.Contains("IN_PROGRESS, not COMPLETED", await ErrorAtAsync(request, "$.lastAccessedDetails.JobStatus"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceLevelReportRemovesOnlyServicesNobodyUsedWithAWarning()
    {
        var request = Request("""["s3:PutObject", "sqs:SendMessage"]""");
        request["lastAccessedDetails"] = Report(jobType: "SERVICE_LEVEL");

        var (answer, wire) = await RecommendAsync(request);

        Assert.Equal(["s3:PutObject"], Actions(Assert.Single(answer.Recommendations)));
        Assert.Equal("serviceLevelOnly", (string?)wire["lastAccessedServices"]![0]!["conclusion"]);
        var warning = Assert.Single(answer.Warnings);
        Assert.Equal(("ServiceLevelReport", "$.lastAccessedDetails.JobType"), (warning.Code, warning.Path));
    }

    [Fact]
    public async Task AJobTypeIamDoesNotWriteIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        request["lastAccessedDetails"] = Report(jobType: "ACTIONS");

        Assert.Contains("'ACTIONS' is not a job type", await ErrorAtAsync(request, "$.lastAccessedDetails.JobType"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberOfTheReportThisServiceDoesNotReadIsCountedInAWarning()
    {
        var request = Request("\"s3:GetObject\"");
        var report = Report();
        report["ServicesLastAccessed"]![0]!["TrackedActionsLastAccessed"]![0]!["NewField"] = 1;
        request["lastAccessedDetails"] = report;

        var (answer, _) = await RecommendAsync(request);

        var warning = Assert.Single(answer.Warnings);
        Assert.Equal(("UnknownMembers", "$.lastAccessedDetails.ServicesLastAccessed[0].TrackedActionsLastAccessed[0].NewField"), (warning.Code, warning.Path));
    }

    [Fact]
    public async Task AnUnreadableTimestampInTheReportIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        var report = Report();
        report["ServicesLastAccessed"]![0]!["LastAuthenticated"] = "yesterday";
        request["lastAccessedDetails"] = report;

        Assert.Contains("not a timestamp", await ErrorAtAsync(request, "$.lastAccessedDetails.ServicesLastAccessed[0].LastAuthenticated"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(100_000)]
    public async Task AThresholdThatIsNegativeOrAbsurdIsRefusedAtItsPath(int days)
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray("s3:GetObject");
        request["options"] = new JsonObject { ["unusedForDays"] = days };

        Assert.Contains("from 1 to 3650", await ErrorAtAsync(request, "$.options.unusedForDays"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAsOfInAnUnreadableFormIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray("s3:GetObject");
        request["options"] = new JsonObject { ["unusedForDays"] = 90, ["asOf"] = "01/12/2026" };

        Assert.Contains("not a timestamp", await ErrorAtAsync(request, "$.options.asOf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeepPatternIamWouldRefuseIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray("s3:GetObject");
        request["options"] = new JsonObject { ["keep"] = new JsonArray("kms:*", "iam PassRole") };

        Assert.Contains("'iam PassRole' is not an action pattern", await ErrorAtAsync(request, "$.options.keep[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAccessLevelIsRefusedAtItsPathNamingTheLevels()
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray("s3:GetObject");
        request["options"] = new JsonObject { ["accessLevels"] = new JsonArray("Write", "Delete") };

        Assert.Contains("\"Permissions management\"", await ErrorAtAsync(request, "$.options.accessLevels[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASidNoStatementHasIsAWarningNotAnError()
    {
        var request = Request("""["s3:GetObject", "s3:PutObject"]""", sid: "BreakGlass");
        request["usedActions"] = new JsonArray("s3:GetObject");
        request["options"] = new JsonObject { ["skipStatements"] = new JsonArray("BreakGlass", "breakglass") };

        var (answer, wire) = await RecommendAsync(request);

        Assert.Equal("skipped", (string?)wire["recommendations"]![0]!["changes"]![0]!["status"]);
        Assert.Equal(RecommendedAction.None, Assert.Single(answer.Recommendations).RecommendedAction);
        var warning = Assert.Single(answer.Warnings);
        Assert.Equal(("UnknownStatement", "$.options.skipStatements[1]"), (warning.Code, warning.Path));
    }

    [Fact]
    public async Task AUsedActionWithAMemberTheContractDoesNotDefineIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray(new JsonObject { ["action"] = "s3:GetObject", ["lastUsed"] = "2026-11-01T00:00:00Z" });

        Assert.Contains("'lastUsed' is not a member", await ErrorAtAsync(request, "$.usedActions[0].lastUsed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUsedActionWithoutItsServicePrefixIsRefusedAtItsPath()
    {
        var request = Request("\"s3:GetObject\"");
        request["usedActions"] = new JsonArray("s3:GetObject", "GetObject");

        Assert.Contains("with its service prefix", await ErrorAtAsync(request, "$.usedActions[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainTracesEachRemovalToItsInputAndEachSparedActionToItsFilter()
    {
        var request = Request("""["kms:Decrypt", "kms:Encrypt", "s3:PutObject"]""");
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "kms" });
        request["usedActions"] = new JsonArray("kms:Decrypt", "kms:Encrypt");
        request["options"] = new JsonObject { ["keep"] = new JsonArray("kms:Dec*"), ["explain"] = true };

        var (answer, _) = await RecommendAsync(request);

        var explained = Assert.Single(answer.Recommendations).Explained!;
        var decrypt = Assert.Single(explained, e => e.Action == "kms:Decrypt");
        Assert.False(decrypt.Removed);
        Assert.Equal(["findings"], decrypt.ReportedBy);
        Assert.Equal(["keep"], decrypt.SparedBy);
        Assert.Equal("kms:Dec*", decrypt.KeptBy);
        var put = Assert.Single(explained, e => e.Action == "s3:PutObject");
        Assert.True(put.Removed);
        Assert.Equal(["usedActions"], put.ReportedBy);
        Assert.Equal(["findings"], Assert.Single(explained, e => e.Action == "kms:Encrypt").ReportedBy);
    }

    [Fact]
    public async Task WithoutAsOfTheThresholdCountsBackFromTheServicesClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var service = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));
        using var client = service.CreateClient();
        var request = Request("""["s3:GetObject", "s3:PutObject"]""");
        request["usedActions"] = new JsonArray(
            new JsonObject { ["action"] = "s3:GetObject", ["lastAccessed"] = "2026-11-01T00:00:00Z" },
            new JsonObject { ["action"] = "s3:PutObject", ["lastAccessed"] = "2026-08-01T00:00:00Z" });
        request["options"] = new JsonObject { ["unusedForDays"] = 90 };

        using var first = await client.PostJsonAsync(Recommendations, request);
        clock.Advance(TimeSpan.FromDays(70));
        using var later = await client.PostJsonAsync(Recommendations, request);

        Assert.Equal(["s3:GetObject"], Actions(Assert.Single((await first.ReadAnswerAsync<RecommendationResponse>()).Recommendations)));
        Assert.Equal(RecommendedAction.DetachPolicy, Assert.Single((await later.ReadAnswerAsync<RecommendationResponse>()).Recommendations).RecommendedAction);
    }

    [Fact]
    public async Task AFindingsActionUsedWithinTheThresholdIsSparedAndCounted()
    {
        var request = Request("""["s3:GetObject", "s3:PutObject"]""");
        request["unusedPermissions"] = new JsonArray(new JsonObject
        {
            ["serviceNamespace"] = "s3",
            ["actions"] = new JsonArray(
                new JsonObject { ["action"] = "GetObject", ["lastAccessed"] = "2026-11-20T00:00:00Z" },
                new JsonObject { ["action"] = "PutObject", ["lastAccessed"] = "2026-01-20T00:00:00Z" }),
        });
        request["options"] = new JsonObject { ["unusedForDays"] = 30, ["asOf"] = "2026-12-01 00:00:00+00:00" };

        var (answer, _) = await RecommendAsync(request);

        var recommendation = Assert.Single(answer.Recommendations);
        Assert.Equal(["s3:GetObject"], Actions(recommendation));
        Assert.Equal(1, recommendation.UnusedActions.SparedBy["unusedForDays"]);
    }
}
