using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

/// <summary>Access Analyzer's own shapes in and out: a GetFindingV2 answer as AWS prints it, and a GetFindingRecommendation answer an AWS client can read.</summary>
public sealed class AwsShapesTests(ApiFactory factory)
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/my-lambda-role";
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/my-lambda-policy";

    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject AwsAnswer(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AwsShapes", file)))!.AsObject();

    /// <summary>The seed article's policy with its finding as the AWS CLI prints it.</summary>
    private static JsonObject SeedWithFinding(string file = "seed-get-finding-v2.cli.json")
    {
        var request = SeedRequest();
        request.Remove("unusedPermissions");
        request["finding"] = AwsAnswer(file);
        return request;
    }

    private static JsonObject WithFindingDetails(string details)
    {
        var request = SeedRequest();
        request.Remove("unusedPermissions");
        request["findingDetails"] = JsonNode.Parse(details);
        return request;
    }

    private async Task<(RecommendationResponse Answer, JsonObject Wire)> RecommendAsync(JsonNode request)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);
        var wire = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, wire.ToJsonString());
        return (ReadAnswer<RecommendationResponse>(wire.ToJsonString()), wire);
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(JsonNode request)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadErrorsAsync();
    }

    private static string RecommendedPolicy(RecommendationResponse answer) =>
        Assert.Single(answer.Recommendations).RecommendedPolicy!.ToCompactJson();

    [Fact]
    public async Task TheWholeCliOutputOfGetFindingV2GivesTheSameRecommendedPolicyAsItsFindingDetailsAlone()
    {
        var finding = AwsAnswer("seed-get-finding-v2.cli.json");
        var detailsOnly = SeedRequest();
        detailsOnly.Remove("unusedPermissions");
        detailsOnly["findingDetails"] = finding["findingDetails"]!.DeepClone();

        var (whole, _) = await RecommendAsync(SeedWithFinding());
        var (details, _) = await RecommendAsync(detailsOnly);
        var (seed, _) = await RecommendAsync(SeedRequest());

        Assert.Equal(RecommendedPolicy(details), RecommendedPolicy(whole));
        Assert.Equal(RecommendedPolicy(seed), RecommendedPolicy(whole));
        Assert.DoesNotContain(whole.Warnings, w => w.Code != "PolicyIdMissing");
    }

    [Fact]
    public async Task ABoto3DumpWithEpochTimestampsAndResponseMetadataGivesTheSameRecommendedPolicy()
    {
        var (cli, _) = await RecommendAsync(SeedWithFinding());
        var (boto3, _) = await RecommendAsync(SeedWithFinding("seed-get-finding-v2.boto3.json"));

        Assert.Equal(RecommendedPolicy(cli), RecommendedPolicy(boto3));

        // ResponseMetadata is boto3's own, not a member AWS added: it is not counted as unknown.
        Assert.DoesNotContain(boto3.Warnings, w => w.Code == "UnknownMembers");
    }

    [Fact]
    public async Task TheSeedGivenAsAFindingAnswersAFindingRecommendationWhoseStepsNameTheirPolicy()
    {
        var request = SeedWithFinding();
        request["policyId"] = PolicyArn;
        request["policyUpdatedAt"] = "2024-01-15T10:00:00+00:00";

        var (answer, wire) = await RecommendAsync(request);

        var recommendation = Assert.IsType<FindingRecommendation>(answer.FindingRecommendation);
        Assert.Equal(RoleArn, recommendation.ResourceArn);
        Assert.Equal(RecommendationStatus.Succeeded, recommendation.Status);
        Assert.Equal(RecommendationType.UnusedPermissionRecommendation, recommendation.RecommendationType);
        Assert.Null(recommendation.Error);
        Assert.True(recommendation.StartedAt <= recommendation.CompletedAt);
        var steps = recommendation.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal([RecommendedRemediationAction.CreatePolicy, RecommendedRemediationAction.DetachPolicy], steps.Select(s => s.RecommendedAction));
        Assert.All(steps, s => Assert.Equal(PolicyArn, s.ExistingPolicyId));
        Assert.All(steps, s => Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero), s.PolicyUpdatedAt));
        Assert.Equal(RecommendedPolicy(answer), steps[0].RecommendedPolicy);
        Assert.Equal(answer.RecommendedSteps, recommendation.RecommendedSteps);

        // The finding is carried into the answer, and the answer keeps what existing clients read.
        Assert.Equal(new FindingSummary { Id = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", Resource = RoleArn, FindingType = "UnusedPermission", Status = "ACTIVE" }, answer.Finding);
        Assert.Equal(["catalogVersion", "recommendations", "recommendedSteps", "findingRecommendation", "finding", "remediations", "warnings"], wire.Select(p => p.Key));
        Assert.Empty(answer.Warnings);
        Assert.Empty(answer.Remediations);

        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(wire["findingRecommendation"], "GetFindingRecommendationResponse"));
    }

    [Fact]
    public async Task TheFindingExampleOfTheOpenApiDocumentAnswersWithoutAWarning()
    {
        var (answer, wire) = await RecommendAsync(RefineService.Api.OpenApi.RequestExamples.Load(RefineService.Api.OpenApi.RequestExamples.Finding));

        Assert.Empty(answer.Warnings);
        Assert.Empty(Assert.Single(answer.Recommendations).Warnings);
        Assert.All(answer.FindingRecommendation!.RecommendedSteps, s => Assert.Equal(PolicyArn, s.UnusedPermissionsRecommendedStep.ExistingPolicyId));
        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(wire["findingRecommendation"], "GetFindingRecommendationResponse"));
    }

    [Fact]
    public async Task APolicyWithoutAnIdIsNamedInItsStepsByAnIdThatSaysSoWithAWarning()
    {
        var (answer, _) = await RecommendAsync(SeedWithFinding());

        var steps = answer.FindingRecommendation!.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.All(steps, s => Assert.Equal("unnamed-policy-1", s.ExistingPolicyId));
        Assert.All(steps, s => Assert.Null(s.PolicyUpdatedAt));
        var warning = Assert.Single(Assert.Single(answer.Recommendations).Warnings);
        Assert.Equal(("PolicyIdMissing", "$.policyId"), (warning.Code, warning.Path));
        Assert.Contains("unnamed-policy-1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoliciesOfAListAreNamedByTheirIdOrTheirPositionAndKeepTheirUpdateDate()
    {
        var document = SeedRequest()["policy"]!;
        var request = SeedWithFinding();
        request.Remove("policy");
        request["policies"] = new JsonArray(
            new JsonObject { ["id"] = "InlinePolicy", ["kind"] = "inlineRole", ["updatedAt"] = "2024-06-10 13:45:00+00:00", ["document"] = document.DeepClone() },
            new JsonObject { ["document"] = document.DeepClone() });

        var (answer, _) = await RecommendAsync(request);

        var steps = answer.FindingRecommendation!.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal(["InlinePolicy", "InlinePolicy", "unnamed-policy-2", "unnamed-policy-2"], steps.Select(s => s.ExistingPolicyId));
        Assert.Equal(new DateTimeOffset(2024, 6, 10, 13, 45, 0, TimeSpan.Zero), steps[0].PolicyUpdatedAt);
        Assert.Null(steps[2].PolicyUpdatedAt);
        Assert.Equal("$.policies[1].id", Assert.Single(answer.Recommendations[1].Warnings).Path);
    }

    [Fact]
    public async Task WithoutAPrincipalThereIsNoFindingRecommendationAndAWarningSaysWhy()
    {
        var (answer, wire) = await RecommendAsync(SeedRequest());

        Assert.False(wire.ContainsKey("findingRecommendation"));
        Assert.Equal("ResourceArnMissing", Assert.Single(answer.Warnings).Code);
    }

    [Fact]
    public async Task AResourceArnNamesThePrincipalWhenOnlyUnusedPermissionsAreGiven()
    {
        var request = SeedRequest();
        request["resourceArn"] = RoleArn;

        var (answer, wire) = await RecommendAsync(request);

        Assert.Equal(RoleArn, answer.FindingRecommendation!.ResourceArn);
        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(wire["findingRecommendation"], "GetFindingRecommendationResponse"));
    }

    [Fact]
    public async Task TheRecommendationIsStartedAndCompletedByTheServicesClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));
        await using var configured = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(clock));
        using var client = configured.CreateClient();

        using var response = await client.PostJsonAsync(Recommendations, SeedWithFinding());
        var wire = await response.ReadJsonAsync();

        Assert.Equal("2026-03-04T05:06:07.89Z", (string?)wire["findingRecommendation"]!["startedAt"]);
        Assert.Equal("2026-03-04T05:06:07.89Z", (string?)wire["findingRecommendation"]!["completedAt"]);
    }

    [Fact]
    public async Task AnUnusedRoleIsAnsweredWithARemediationToDeleteItAndNoPolicyChange()
    {
        var request = SeedWithFinding();
        request["finding"]!["findingType"] = "UnusedIAMRole";
        request["finding"]!["findingDetails"] = JsonNode.Parse("""[{ "unusedIamRoleDetails": { "lastAccessed": "2023-11-02T09:00:00+00:00" } }]""");

        var (answer, wire) = await RecommendAsync(request);

        var remediation = Assert.Single(answer.Remediations);
        Assert.Equal(RemediationKind.DeleteRole, remediation.Kind);
        Assert.Equal("deleteRole", (string?)wire["remediations"]![0]!["kind"]);
        Assert.Equal("$.finding.findingDetails[0].unusedIamRoleDetails", remediation.Path);
        Assert.Equal(new DateTimeOffset(2023, 11, 2, 9, 0, 0, TimeSpan.Zero), remediation.LastAccessed);
        Assert.Contains(RoleArn, remediation.Message, StringComparison.Ordinal);
        Assert.Contains("delete-role", remediation.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendedAction.None, Assert.Single(answer.Recommendations).RecommendedAction);
        Assert.Empty(answer.RecommendedSteps);

        var recommendation = answer.FindingRecommendation!;
        Assert.Equal(RecommendationStatus.Failed, recommendation.Status);
        Assert.Equal("UnsupportedFindingType", recommendation.Error!.Code);
        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(wire["findingRecommendation"], "GetFindingRecommendationResponse"));
    }

    [Fact]
    public async Task AnUnusedAccessKeyIsAnsweredWithARemediationToDeactivateIt()
    {
        var request = SeedWithFinding();
        request["finding"]!["resource"] = "arn:aws:iam::123456789012:user/alice";
        request["finding"]!["findingType"] = "UnusedIAMUserAccessKey";
        request["finding"]!["findingDetails"] = JsonNode.Parse("""[{ "unusedIamUserAccessKeyDetails": { "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "lastAccessed": 1700000000 } }]""");

        var (answer, _) = await RecommendAsync(request);

        var remediation = Assert.Single(answer.Remediations);
        Assert.Equal((RemediationKind.DeactivateAccessKey, "AKIAIOSFODNN7EXAMPLE"), (remediation.Kind, remediation.AccessKeyId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), remediation.LastAccessed);
        Assert.Contains("update-access-key", remediation.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendationStatus.Failed, answer.FindingRecommendation!.Status);
    }

    [Fact]
    public async Task AnUnusedConsolePasswordIsAnsweredWithARemediationToRemoveIt()
    {
        var request = WithFindingDetails("""[{ "unusedIamUserPasswordDetails": {} }]""");

        var (answer, _) = await RecommendAsync(request);

        var remediation = Assert.Single(answer.Remediations);
        Assert.Equal(RemediationKind.RemoveConsolePassword, remediation.Kind);
        Assert.Equal("$.findingDetails[0].unusedIamUserPasswordDetails", remediation.Path);
        Assert.Null(remediation.LastAccessed);
        Assert.Contains("delete-login-profile", remediation.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendedAction.None, Assert.Single(answer.Recommendations).RecommendedAction);
    }

    [Theory]
    [InlineData("externalAccessDetails", """{ "action": ["s3:GetObject"], "condition": {}, "isPublic": true, "principal": { "AWS": "*" }, "sources": [{ "type": "POLICY" }] }""")]
    [InlineData("internalAccessDetails", """{ "action": ["s3:GetObject"], "accessType": "INTRA_ACCOUNT", "principalType": "IAM_ROLE" }""")]
    public async Task AccessFindingsAreWarnedAboutAsNotUnusedAccessFindings(string member, string details)
    {
        var request = WithFindingDetails($$"""[{ "{{member}}": {{details}} }]""");
        request["resourceArn"] = RoleArn;

        var (answer, _) = await RecommendAsync(request);

        var warning = Assert.Single(answer.Warnings);
        Assert.Equal(("NotUnusedAccessFinding", $"$.findingDetails[0].{member}"), (warning.Code, warning.Path));
        Assert.Empty(answer.Remediations);
        Assert.Equal(RecommendedAction.None, Assert.Single(answer.Recommendations).RecommendedAction);
        Assert.Equal(RecommendationStatus.Failed, answer.FindingRecommendation!.Status);
    }

    [Fact]
    public async Task AnEmptyFindingDetailsListIsAWarningNotABareNothingToDo()
    {
        var (answer, _) = await RecommendAsync(WithFindingDetails("[]"));

        Assert.Contains(answer.Warnings, w => w is { Code: "EmptyFindingDetails", Path: "$.findingDetails" });
        Assert.Equal(RecommendedAction.None, Assert.Single(answer.Recommendations).RecommendedAction);
    }

    [Fact]
    public async Task AMisspeltUnionMemberIsRefusedAtItsItem()
    {
        var errors = await ErrorsAsync(WithFindingDetails("""[{ "unusedPermissionDetail": { "serviceNamespace": "s3" } }]"""));

        var error = Assert.Single(Assert.Single(errors, e => e.Key == "$.findingDetails[0]").Value);
        Assert.Contains("'unusedPermissionDetail'", error, StringComparison.Ordinal);
        Assert.Contains("exactly one of 'unusedPermissionDetails'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("findingDetails")]
    [InlineData("finding")]
    public async Task EveryFaultOfFindingDetailsIsReportedAtItsOwnPath(string member)
    {
        const string details = """
            [
              null,
              { },
              { "unusedPermissionDetails": { "serviceNamespace": "S3!", "lastAccessed": "soon",
                "actions": [ { "action": "s3:GetObject" }, null, { "action": "GetObject", "lastAccessed": "later" } ] } },
              { "unusedIamRoleDetails": { "lastAccessed": "never" } },
              { "unusedIamUserAccessKeyDetails": { "accessKeyId": "AKIAEXAMPLE", "lastAccessed": "never" } },
              { "unusedIamUserPasswordDetails": { "lastAccessed": "never" } }
            ]
            """;
        var request = member == "finding" ? SeedWithFinding() : WithFindingDetails(details);
        if (member == "finding")
        {
            request["finding"]!["findingDetails"] = JsonNode.Parse(details);
        }

        var at = member == "finding" ? "$.finding.findingDetails" : "$.findingDetails";

        var errors = await ErrorsAsync(request);

        Assert.Equal(
            [
                $"{at}[0]", $"{at}[1]",
                $"{at}[2].unusedPermissionDetails.actions[0].action", $"{at}[2].unusedPermissionDetails.actions[1]",
                $"{at}[2].unusedPermissionDetails.actions[2].lastAccessed", $"{at}[2].unusedPermissionDetails.lastAccessed",
                $"{at}[2].unusedPermissionDetails.serviceNamespace",
                $"{at}[3].unusedIamRoleDetails.lastAccessed", $"{at}[4].unusedIamUserAccessKeyDetails.lastAccessed",
                $"{at}[5].unusedIamUserPasswordDetails.lastAccessed",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("must be an object", Assert.Single(errors[$"{at}[0]"]), StringComparison.Ordinal);
        Assert.Contains("holds no member", Assert.Single(errors[$"{at}[1]"]), StringComparison.Ordinal);
        Assert.Contains("without its service prefix", Assert.Single(errors[$"{at}[2].unusedPermissionDetails.actions[0].action"]), StringComparison.Ordinal);
        Assert.Contains("an object whose \"action\" is its name", Assert.Single(errors[$"{at}[2].unusedPermissionDetails.actions[1]"]), StringComparison.Ordinal);
        Assert.Contains("service prefix such as", Assert.Single(errors[$"{at}[2].unusedPermissionDetails.serviceNamespace"]), StringComparison.Ordinal);
        Assert.StartsWith("'never' is not a timestamp", Assert.Single(errors[$"{at}[5].unusedIamUserPasswordDetails.lastAccessed"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemHoldingTwoUnionMembersIsRefusedAtItsItem()
    {
        var request = SeedWithFinding();
        request["finding"]!["findingDetails"]![1]!["unusedIamRoleDetails"] = new JsonObject();

        var errors = await ErrorsAsync(request);

        var error = Assert.Single(Assert.Single(errors).Value);
        Assert.Equal("$.finding.findingDetails[1]", Assert.Single(errors).Key);
        Assert.Contains("2 members ('unusedPermissionDetails', 'unusedIamRoleDetails')", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemHoldingNoMemberIsRefusedAtItsItem()
    {
        var errors = await ErrorsAsync(WithFindingDetails("""[{}]"""));

        Assert.Contains("holds no member", Assert.Single(errors["$.findingDetails[0]"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unusedPermission", "$.unusedPermission", "did you mean 'unusedPermissions'?")]
    [InlineData("polices", "$.polices", "did you mean 'policies'?")]
    [InlineData("findings", "$.findings", "did you mean 'finding'?")]
    [InlineData("dryRun", "$.dryRun", "its members are 'policy', 'policyId'")]
    public async Task AMisspeltRequestMemberIsRefusedAtItsPath(string member, string path, string sentence)
    {
        var request = SeedRequest();
        request[member] = new JsonArray();

        var errors = await ErrorsAsync(request);

        Assert.Contains(sentence, Assert.Single(errors[path]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltMembersOfOptionsPoliciesAndUnusedPermissionsAreAllRefusedAtOnce()
    {
        var request = SeedRequest();
        request["policies"] = new JsonArray(new JsonObject { ["document"] = request["policy"]!.DeepClone(), ["kinds"] = "managed" });
        request.Remove("policy");
        request["options"] = new JsonObject { ["wildcard"] = "none" };
        request["unusedPermissions"]![1]!["action"] = new JsonArray("GetBucketAcl");

        var errors = await ErrorsAsync(request);

        Assert.Equal(["$.options.wildcard", "$.policies[0].kinds", "$.unusedPermissions[1].action"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("did you mean 'wildcards'?", Assert.Single(errors["$.options.wildcard"]), StringComparison.Ordinal);
        Assert.Contains("did you mean 'kind'?", Assert.Single(errors["$.policies[0].kinds"]), StringComparison.Ordinal);
        Assert.Contains("did you mean 'actions'?", Assert.Single(errors["$.unusedPermissions[1].action"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAwsAddsToItsShapesAreToleratedAndCountedInOneWarning()
    {
        var request = SeedWithFinding();
        request["finding"]!["analyzerArn"] = "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused";
        request["finding"]!["findingDetails"]![0]!["unusedPermissionDetails"]!["confidence"] = "HIGH";
        request["finding"]!["findingDetails"]![0]!["unusedPermissionDetails"]!["actions"]![2]!["region"] = "us-east-1";

        var (answer, _) = await RecommendAsync(request);

        var warning = Assert.Single(answer.Warnings, w => w.Code == "UnknownMembers");
        Assert.Equal("$.finding.analyzerArn", warning.Path);
        Assert.StartsWith("3 member(s)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("$.finding.findingDetails[0].unusedPermissionDetails.confidence", warning.Message, StringComparison.Ordinal);
        Assert.Contains("$.finding.findingDetails[0].unusedPermissionDetails.actions[2].region", warning.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendedPolicy((await RecommendAsync(SeedWithFinding())).Answer), RecommendedPolicy(answer));
    }

    [Theory]
    [InlineData("\"2023-11-02T09:00:00Z\"")]
    [InlineData("\"2023-11-02t09:00:00z\"")]
    [InlineData("\"2023-11-02T09:00:00.000Z\"")]
    [InlineData("\"2023-11-02T09:00:00.0000000000001Z\"")]
    [InlineData("\"2023-11-02T11:00:00+02:00\"")]
    [InlineData("\"2023-11-02T04:30:00-0430\"")]
    [InlineData("\"2023-11-02T09:00:00+00:00\"")]
    [InlineData("\"2023-11-02T09:00:00\"")]
    [InlineData("\"2023-11-02 09:00:00+00:00\"")]
    [InlineData("\"2023-11-02 09:00:00.000000+00:00\"")]
    [InlineData("\"2023-11-02 09:00:00\"")]
    [InlineData("1698915600")]
    [InlineData("1698915600.0")]
    [InlineData("1.6989156e9")]
    public async Task EveryTimestampFormAwsToolsPrintIsRead(string written)
    {
        var request = WithFindingDetails($$"""[{ "unusedIamRoleDetails": { "lastAccessed": {{written}} } }]""");

        var (answer, _) = await RecommendAsync(request);

        Assert.Equal(new DateTimeOffset(2023, 11, 2, 9, 0, 0, TimeSpan.Zero), Assert.Single(answer.Remediations).LastAccessed);
    }

    [Fact]
    public async Task FractionsOfSecondsAreKept()
    {
        var (answer, wire) = await RecommendAsync(WithFindingDetails("""[{ "unusedIamRoleDetails": { "lastAccessed": 1698915600.25 } }]"""));

        Assert.Equal(new DateTimeOffset(2023, 11, 2, 9, 0, 0, 250, TimeSpan.Zero), Assert.Single(answer.Remediations).LastAccessed);
        Assert.Equal("2023-11-02T09:00:00.25Z", (string?)wire["remediations"]![0]!["lastAccessed"]);
    }

    [Fact]
    public async Task EveryUnreadableTimestampOfARequestIsReportedAtItsPathNamingTheAcceptedForms()
    {
        var request = SeedWithFinding();
        var finding = request["finding"]!;
        finding["createdAt"] = "June 1st, 2024";
        finding["analyzedAt"] = 1718027100512;
        finding["updatedAt"] = "2024-02-30T10:00:00Z";
        finding["findingDetails"]![0]!["unusedPermissionDetails"]!["lastAccessed"] = true;
        finding["findingDetails"]![1]!["unusedPermissionDetails"]!["actions"]![0]!["lastAccessed"] = "10/06/2024";
        request["policyUpdatedAt"] = "yesterday";

        var errors = await ErrorsAsync(request);

        Assert.Equal(
            [
                "$.finding.analyzedAt", "$.finding.createdAt", "$.finding.findingDetails[0].unusedPermissionDetails.lastAccessed",
                "$.finding.findingDetails[1].unusedPermissionDetails.actions[0].lastAccessed", "$.finding.updatedAt", "$.policyUpdatedAt",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Contains("Python's form (\"2024-06-10 13:45:00+00:00\")", Assert.Single(messages), StringComparison.Ordinal));
        Assert.StartsWith("The number 1718027100512 is not a timestamp", Assert.Single(errors["$.finding.analyzedAt"]), StringComparison.Ordinal);
        Assert.StartsWith("'June 1st, 2024' is not a timestamp", Assert.Single(errors["$.finding.createdAt"]), StringComparison.Ordinal);
        Assert.StartsWith("A boolean is not a timestamp", Assert.Single(errors["$.finding.findingDetails[0].unusedPermissionDetails.lastAccessed"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFindingWithoutItsDetailsOrWhosePrincipalIsNoArnIsRefused()
    {
        var request = SeedWithFinding();
        request["finding"]!.AsObject().Remove("findingDetails");
        request["finding"]!["resource"] = "my-lambda-role";

        var errors = await ErrorsAsync(request);

        Assert.Equal(["$.finding.findingDetails", "$.finding.resource"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFindingThatIsNoLongerActiveOrHasMorePagesIsWarnedAbout()
    {
        var request = SeedWithFinding();
        request["finding"]!["status"] = "ARCHIVED";
        request["finding"]!["nextToken"] = "eyJwYWdlIjoyfQ==";

        var (answer, _) = await RecommendAsync(request);

        Assert.Equal(["FindingNotActive", "FindingDetailsIncomplete"], answer.Warnings.Select(w => w.Code));
        Assert.Equal(["$.finding.status", "$.finding.nextToken"], answer.Warnings.Select(w => w.Path));
    }

    [Fact]
    public async Task APolicyDocumentUrlEncodedAsIamsQueryApiReturnsItGivesTheSameRecommendation()
    {
        var request = SeedRequest();
        var (plain, _) = await RecommendAsync(request);
        request["policy"] = Uri.EscapeDataString(request["policy"]!.ToJsonString());

        var (encoded, _) = await RecommendAsync(request);

        Assert.Equal(RecommendedPolicy(plain), RecommendedPolicy(encoded));
    }

    [Fact]
    public async Task AProblemInsideAUrlEncodedDocumentIsReportedAtItsPathInTheDocument()
    {
        var request = SeedRequest();
        request["policy"]!["Statement"]![1]!["Effect"] = "Permit";
        request["policy"] = Uri.EscapeDataString(request["policy"]!.ToJsonString());

        var errors = await ErrorsAsync(request);

        Assert.Equal("$.policy.Statement[1].Effect", Assert.Single(errors).Key);
    }

    [Fact]
    public void TheCheckedInCliOutputIsAGetFindingV2AnswerByAwsModel() =>
        Assert.Empty(AccessAnalyzerModel.Shipped.Violations(AwsAnswer("seed-get-finding-v2.cli.json"), "GetFindingV2Response"));

    [Fact]
    public void TheModelCheckCatchesWhatAnAwsClientWouldRefuse()
    {
        var answer = JsonNode.Parse("""
            {
              "startedAt": "2024-06-10 13:45:00",
              "resourceArn": "my-role",
              "recommendationType": "UnusedPermissionRecommendation",
              "status": "DONE",
              "recommendedSteps": [{ "unusedPermissionsRecommendedStep": { "recommendedAction": "NONE", "existingPolicyID": "p" }, "other": {} }]
            }
            """);

        var violations = AccessAnalyzerModel.Shipped.Violations(answer, "GetFindingRecommendationResponse");

        Assert.Equal(7, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("$.startedAt", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.resourceArn", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.status", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.recommendedSteps[0].unusedPermissionsRecommendedStep.recommendedAction", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.recommendedSteps[0].unusedPermissionsRecommendedStep.existingPolicyID", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.recommendedSteps[0].other", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("union", StringComparison.Ordinal));
    }
}
