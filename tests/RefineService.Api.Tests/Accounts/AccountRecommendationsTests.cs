using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Oracle;

namespace RefineService.Api.Tests.Accounts;

/// <summary>
/// <c>POST /v1/accounts/recommendations</c> over an example account (<c>example-account.json</c>): roles and users with
/// inline, customer-managed, AWS-managed, shared, group and boundary policies, and a finding for a principal the account
/// does not have.
/// </summary>
public sealed class AccountRecommendationsTests(ApiFactory factory)
{
    public const string Accounts = "/v1/accounts/recommendations";

    private static readonly string OrdersApi = "arn:aws:iam::123456789012:role/orders-api";
    private static readonly string ReportsJob = "arn:aws:iam::123456789012:role/reports-job";
    private static readonly string Alice = "arn:aws:iam::123456789012:user/alice";

    /// <summary>The example account's request, as a client would send it.</summary>
    public static JsonObject ExampleRequest() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accounts", "example-account.json")))!.AsObject();

    [Fact]
    public async Task EveryPrincipalIsAnsweredInTheOrderOfItsFindings()
    {
        var answer = await PostAsync(ExampleRequest());

        Assert.Equal(
            ExampleRequest()["findings"]!.AsArray().Select(f => f!["resource"]!.GetValue<string>()),
            answer.Principals.Select(p => p.PrincipalArn));
        Assert.Equal(
            ExampleRequest()["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()),
            answer.Principals.Select(p => p.FindingId));
    }

    [Fact]
    public async Task EveryPrincipalsRecommendationEqualsWhatRecommendationsGivesForItsPoliciesOneByOne()
    {
        var request = ExampleRequest();
        request["options"] = new JsonObject { ["details"] = true };

        Assert.True(await CompareOneByOneAsync(request) >= 6);
    }

    /// <summary>Filters and activity data, in the combinations users send: each applied to every principal as /v1/recommendations applies them to one.</summary>
    public static TheoryData<string> FilterCases => ["threshold", "keep", "accessLevels", "skipStatements", "usedActions", "lastAccessedDetails", "activityAlone", "everything"];

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task WithFiltersAndActivityEveryPrincipalsRecommendationEqualsWhatRecommendationsGives(string filters)
    {
        var request = WithFilters(ExampleRequest(), filters);

        Assert.True(await CompareOneByOneAsync(request) >= 5);
    }

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task WithFiltersEverySharedRefinementAllowsExactlyThePolicysActionsMinusWhatAllItsPrincipalsHaveUnused(string filters)
    {
        var request = WithFilters(ExampleRequest(), filters);

        Assert.Equal(3, await JudgeSharedRefinementsAsync(request));
    }

    [Fact]
    public async Task APrincipalWithActivityDataAndNoFindingIsAnsweredAfterThoseWithFindings()
    {
        var request = WithFilters(ExampleRequest(), "activityAlone");

        var answer = await PostAsync(request);

        Assert.Equal(ReportsJob, answer.Principals[^1].PrincipalArn);
        Assert.Null(answer.Principals[^1].FindingId);
        Assert.Equal(RecommendationStatus.Succeeded, answer.Principals[^1].FindingRecommendation.Status);
        Assert.Equal(ReportsJob, answer.Principals[^1].FindingRecommendation.ResourceArn);
        Assert.Equal(request["findings"]!.AsArray().Count + 1, answer.Principals.Count);
    }

    [Fact]
    public async Task ALastAccessedReportIsToldPerServiceAtItsPathInTheAccountsRequest()
    {
        var answer = await PostAsync(WithFilters(ExampleRequest(), "lastAccessedDetails"));

        var alice = answer.Principals.Single(p => p.PrincipalArn == Alice);
        var services = alice.LastAccessedServices!;
        Assert.Equal(["sqs", "logs"], services.Select(s => s.ServiceNamespace));
        Assert.Equal("$.activity[0].lastAccessedDetails.ServicesLastAccessed[0]", services[0].Path);
        Assert.Null(answer.Principals[0].LastAccessedServices);
    }

    [Fact]
    public async Task ActivityDataForAPrincipalTheAccountLacksFailsAloneNamingItsPath()
    {
        var request = ExampleRequest();
        request["activity"] = new JsonArray(new JsonObject { ["principalArn"] = "arn:aws:iam::123456789012:role/gone", ["usedActions"] = new JsonArray("s3:GetObject") });

        var answer = await PostAsync(request);

        var gone = answer.Principals[^1];
        Assert.Equal("PrincipalNotInAuthorizationDetails", gone.FindingRecommendation.Error!.Code);
        Assert.Contains("$.activity[0].principalArn", gone.FindingRecommendation.Error.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendationStatus.Succeeded, answer.Principals[0].FindingRecommendation.Status);
    }

    [Fact]
    public async Task ASidToSkipThatNoPolicyOfThePrincipalsHasIsAWarningAtItsPath()
    {
        var request = ExampleRequest();
        request["options"] = new JsonObject { ["skipStatements"] = new JsonArray("ReadAndWrite", "ReadAndWirte") };

        var answer = await PostAsync(request);

        var warning = Assert.Single(answer.Warnings, w => w.Code == "UnknownStatement");
        Assert.Equal("$.options.skipStatements[1]", warning.Path);
        Assert.Null(answer.SharedPolicies.Single(s => s.PolicyId == "arn:aws:iam::123456789012:policy/SharedS3").Recommendation!.Changes.FirstOrDefault(c => c.Removed.Count > 0));
    }

    [Theory]
    [InlineData("options", "unusedForDay", "90", "$.options.unusedForDay")]
    [InlineData("options", "keep", "[\"iam:PassRole\", \"not a pattern\"]", "$.options.keep[1]")]
    [InlineData("options", "accessLevels", "[\"Writes\"]", "$.options.accessLevels[0]")]
    [InlineData("options", "unusedForDays", "0", "$.options.unusedForDays")]
    [InlineData("options", "asOf", "\"yesterday\"", "$.options.asOf")]
    [InlineData("activity", "usedAction", "[\"s3:GetObject\"]", "$.activity[0].usedAction")]
    [InlineData("activity", "usedActions", "[\"s3:GetObject\", \"GetObject\"]", "$.activity[0].usedActions[1]")]
    [InlineData("activity", "usedActions", "[{ \"action\": \"s3:GetObject\", \"lastAcessed\": \"2026-01-01\" }]", "$.activity[0].usedActions[0].lastAcessed")]
    [InlineData("activity", "principalArn", "\"orders-api\"", "$.activity[0].principalArn")]
    [InlineData("activity", "lastAccessedDetails", "{ \"JobStatus\": \"IN_PROGRESS\", \"ServicesLastAccessed\": [] }", "$.activity[0].lastAccessedDetails.JobStatus")]
    public async Task AMisspeltOrUnreadableOptionOrActivityIsRefusedAtItsPath(string parent, string member, string value, string path)
    {
        var request = ExampleRequest();
        var activity = new JsonObject { ["principalArn"] = OrdersApi, ["usedActions"] = new JsonArray("s3:ListBucket") };
        request["activity"] = new JsonArray(activity);
        request["options"] = new JsonObject { ["details"] = false };
        (parent == "options" ? request["options"]!.AsObject() : activity)[member] = JsonNode.Parse(value);

        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(path, (await response.ReadErrorsAsync()).Keys);
    }

    [Fact]
    public async Task AnActivityEntryWithoutActivityDataIsRefusedAtTheEntry()
    {
        var request = ExampleRequest();
        request["activity"] = new JsonArray(new JsonObject { ["principalArn"] = OrdersApi });

        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.activity[0]"], (await response.ReadErrorsAsync()).Keys);
    }

    [Fact]
    public async Task APrincipalGivenActivityDataTwiceIsRefusedAtTheSecond()
    {
        var request = ExampleRequest();
        request["activity"] = new JsonArray(
            new JsonObject { ["principalArn"] = OrdersApi, ["usedActions"] = new JsonArray("s3:ListBucket") },
            new JsonObject { ["principalArn"] = OrdersApi, ["usedActions"] = new JsonArray("s3:GetObject") });

        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.activity[1].principalArn"], (await response.ReadErrorsAsync()).Keys);
    }

    /// <summary>The example account with one of the filter cases: options for every principal, activity data for some.</summary>
    public static JsonObject WithFilters(JsonObject request, string filters)
    {
        var options = new JsonObject { ["details"] = true };
        var activity = new JsonArray();
        var everything = filters == "everything";
        if (filters is "threshold" || everything)
        {
            // The findings date their services' last use 2024-02-28: within 90 days of asOf, so spared; and a used action older than the threshold counts as no use.
            options["unusedForDays"] = 90;
            options["asOf"] = "2024-05-01T00:00:00Z";
        }

        if (filters is "keep" || everything)
        {
            options["keep"] = new JsonArray("s3:GetObjectAcl", "*:Delete*");
        }

        if (filters is "accessLevels" || everything)
        {
            options["accessLevels"] = new JsonArray("Write", "permissions management");
        }

        if (filters is "skipStatements")
        {
            options["skipStatements"] = new JsonArray("ReadAndWrite");
        }

        if (filters is "lastAccessedDetails" || everything)
        {
            activity.Add(new JsonObject
            {
                ["principalArn"] = Alice,
                ["lastAccessedDetails"] = JsonNode.Parse("""
                    {
                      "JobStatus": "COMPLETED", "JobType": "ACTION_LEVEL",
                      "JobCreationDate": "2024-04-30T10:00:00+00:00", "JobCompletionDate": "2024-04-30T10:00:05+00:00",
                      "ServicesLastAccessed": [
                        { "ServiceName": "Amazon SQS", "ServiceNamespace": "sqs", "LastAuthenticated": "2024-04-29T10:00:00+00:00", "TotalAuthenticatedEntities": 1,
                          "TrackedActionsLastAccessed": [ { "ActionName": "SendMessage", "LastAccessedTime": "2024-04-29T10:00:00+00:00" }, { "ActionName": "DeleteQueue" } ] },
                        { "ServiceName": "Amazon CloudWatch Logs", "ServiceNamespace": "logs", "TotalAuthenticatedEntities": 0 }
                      ],
                      "IsTruncated": false
                    }
                    """),
            });
        }

        if (filters is "usedActions" || everything)
        {
            activity.Add(new JsonObject
            {
                ["principalArn"] = OrdersApi,
                ["usedActions"] = new JsonArray("s3:GetObject", "dynamodb:Query", new JsonObject { ["action"] = "logs:PutLogEvents", ["lastAccessed"] = "2023-01-01T00:00:00Z" }, "logs:CreateLog*"),
            });
        }

        if (filters is "activityAlone" || everything)
        {
            // reports-job without its finding: its activity alone tells what it has unused.
            var findings = request["findings"]!.AsArray();
            findings.RemoveAt(findings.Select(f => f!["resource"]!.GetValue<string>()).ToList().IndexOf(ReportsJob));
            activity.Add(new JsonObject { ["principalArn"] = ReportsJob, ["usedActions"] = new JsonArray("s3:GetObject", "s3:ListBucket", "sqs:Get*", "logs:*") });
        }

        request["options"] = options;
        if (activity.Count > 0)
        {
            request["activity"] = activity;
        }

        return request;
    }

    /// <summary>What /v1/recommendations is sent for one principal of an account's request: its finding, its activity data, the options (less the account's own).</summary>
    public static JsonObject SingleRequest(JsonObject account, string arn)
    {
        var single = new JsonObject();
        if (account["findings"]!.AsArray().FirstOrDefault(f => f!["resource"]!.GetValue<string>() == arn) is { } finding)
        {
            single["finding"] = finding.DeepClone();
        }
        else
        {
            single["resourceArn"] = arn;
        }

        if (account["activity"]?.AsArray().FirstOrDefault(a => a!["principalArn"]!.GetValue<string>() == arn) is JsonObject activity)
        {
            foreach (var (name, value) in activity.Where(m => m.Key != "principalArn"))
            {
                single[name] = value!.DeepClone();
            }
        }

        if (account["options"] is JsonObject options)
        {
            var copy = options.DeepClone().AsObject();
            copy.Remove("details");
            single["options"] = copy;
        }

        return single;
    }

    // Every principal answered: its recommendations equal /v1/recommendations' for its policies one by one, its steps theirs; how many policies were compared.
    private async Task<int> CompareOneByOneAsync(JsonObject request)
    {
        var wire = await PostForJsonAsync(request);
        var details = request["authorizationDetails"]!;
        var compared = 0;

        foreach (var principal in wire["principals"]!.AsArray())
        {
            if (principal!["findingRecommendation"]!["status"]!.GetValue<string>() != "SUCCEEDED")
            {
                continue;
            }

            var arn = principal["principalArn"]!.GetValue<string>();
            var steps = new JsonArray();
            var policies = OwnPolicies(details, arn);
            Assert.Equal(policies.Count, principal["recommendations"]!.AsArray().Count);
            for (var i = 0; i < policies.Count; i++)
            {
                var single = SingleRequest(request, arn);
                single["policies"] = new JsonArray(policies[i].DeepClone());
                var answer = await PostForJsonAsync(single, HttpClientExtensions.Recommendations);
                Assert.Equal(Comparable(answer["recommendations"]![0]!), Comparable(principal["recommendations"]![i]!));
                Assert.Equal(Pathless(answer["lastAccessedServices"]), Pathless(principal["lastAccessedServices"]));
                foreach (var step in answer["recommendedSteps"]!.AsArray())
                {
                    steps.Add(step!.DeepClone());
                }

                compared++;
            }

            Assert.True(JsonNode.DeepEquals(steps, principal["findingRecommendation"]!["recommendedSteps"]), $"steps of {arn}");
        }

        return compared;
    }

    // Every shared refinement offered, judged by the oracle against the intersection of its principals' effective unused sets; how many were judged.
    private async Task<int> JudgeSharedRefinementsAsync(JsonObject request)
    {
        var wire = await PostForJsonAsync(request);
        var judged = 0;
        foreach (var shared in wire["sharedPolicies"]!.AsArray().Where(s => s!["recommendation"] is not null))
        {
            var sets = shared!["principals"]!.AsArray().Select(p => UnusedActions.FromRequest(OracleCatalog.Shipped, SingleRequest(request, p!.GetValue<string>()))).ToList();
            var common = UnusedActions.Common(OracleCatalog.Shipped, sets);
            var original = DocumentOf(request["authorizationDetails"]!, shared["policyId"]!.GetValue<string>());
            var recommendation = HttpClientExtensions.ReadAnswer<PolicyRecommendation>(shared["recommendation"]!.ToJsonString());
            var failures = RecommendationOracle.Shipped.Judge(original, common, OracleAnswers.Of(recommendation), newWildcards: true);
            Assert.True(failures.Count == 0, string.Join('\n', failures));
            judged++;
        }

        return judged;
    }

    // What a list says without the paths that tell where each request held it.
    private static string? Pathless(JsonNode? list)
    {
        var copy = list?.DeepClone();
        foreach (var item in copy?.AsArray() ?? [])
        {
            item!.AsObject().Remove("path");
        }

        return copy?.ToJsonString();
    }

    [Fact]
    public async Task ByDefaultAPolicysRecommendationLeavesOutTheDocumentAndTheDiffThatItsStepsHold()
    {
        var wire = await PostForJsonAsync(ExampleRequest());

        var recommendations = wire["principals"]!.AsArray().SelectMany(p => p!["recommendations"]!.AsArray()).ToList();
        Assert.NotEmpty(recommendations);
        Assert.All(recommendations, r => Assert.Null(r!["unifiedDiff"]));
        Assert.All(recommendations, r => Assert.Null(r!["recommendedPolicy"]));
        Assert.Contains(wire["principals"]![0]!["findingRecommendation"]!["recommendedSteps"]!.AsArray(), s => s!["unusedPermissionsRecommendedStep"]!["recommendedPolicy"] is not null);
    }

    [Fact]
    public async Task AUsersGroupPoliciesAreNeverRewrittenForOneUserAndWhatTheyStillGrantUnusedIsSaid()
    {
        var answer = await PostAsync(ExampleRequest());
        var alice = answer.Principals.Single(p => p.PrincipalArn == Alice);

        Assert.Equal(["AliceQueues", "AliceQueues"], alice.FindingRecommendation.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep.ExistingPolicyId));
        Assert.Equal(
            ["developers/DevelopersLogs", "arn:aws:iam::123456789012:policy/DevelopersLambda"],
            alice.AfterSharedRefinements.Select(a => a.PolicyId));

        // Bob has DeleteLogGroup and DeleteFunction unused too, so the shared refinement removes them; GetLogEvents and UpdateFunctionCode only Alice leaves unused.
        Assert.Equal([1, 1], alice.AfterSharedRefinements.Select(a => a.StillUnusedActions));
        Assert.Equal(2, alice.Warnings.Count(w => w.Code == "GroupPolicyNotRewritten"));
    }

    [Fact]
    public async Task BoundariesAndTrustPoliciesAreNeverRewritten()
    {
        var answer = await PostAsync(ExampleRequest());

        var named = answer.Principals.SelectMany(p => p.FindingRecommendation.RecommendedSteps).Select(s => s.UnusedPermissionsRecommendedStep.ExistingPolicyId)
            .Concat(answer.SharedPolicies.Select(s => s.PolicyId)).ToList();
        Assert.DoesNotContain("arn:aws:iam::123456789012:policy/WorkloadBoundary", named);
        Assert.DoesNotContain(named, id => id.Contains("AssumeRole", StringComparison.Ordinal));
        Assert.Equal(["OrdersLogs", "arn:aws:iam::123456789012:policy/SharedS3", "arn:aws:iam::123456789012:policy/OnlyOrders"],
            answer.Principals[0].Recommendations.Select(r => r.PolicyId));
    }

    [Fact]
    public async Task AnAwsManagedPolicyIsReplacedByACopyAndDetached()
    {
        var answer = await PostAsync(ExampleRequest());

        var steps = answer.Principals.Single(p => p.PrincipalArn == ReportsJob).FindingRecommendation.RecommendedSteps
            .Select(s => s.UnusedPermissionsRecommendedStep).Where(s => s.ExistingPolicyId == "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess").ToList();
        Assert.Equal([RecommendedRemediationAction.CreatePolicy, RecommendedRemediationAction.DetachPolicy], steps.Select(s => s.RecommendedAction));
        Assert.DoesNotContain("sqs:ListQueueTags", steps[0].RecommendedPolicy!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APolicyAttachedButAbsentFromPoliciesIsAWarningNamingItNotAFailure()
    {
        var answer = await PostAsync(ExampleRequest());

        var reports = answer.Principals.Single(p => p.PrincipalArn == ReportsJob);
        Assert.Equal(RecommendationStatus.Succeeded, reports.FindingRecommendation.Status);
        var warning = Assert.Single(reports.Warnings, w => w.Code == "PolicyNotInAuthorizationDetails");
        Assert.Equal("$.authorizationDetails.RoleDetailList[1].AttachedManagedPolicies[2]", warning.Path);
        Assert.Contains("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFindingForAPrincipalTheAccountLacksFailsAloneAndTheRestIsAnswered()
    {
        var answer = await PostAsync(ExampleRequest());

        var unknown = answer.Principals[5];
        Assert.Equal(RecommendationStatus.Failed, unknown.FindingRecommendation.Status);
        Assert.Equal("PrincipalNotInAuthorizationDetails", unknown.FindingRecommendation.Error!.Code);
        Assert.Contains("$.findings[5].resource", unknown.FindingRecommendation.Error.Message, StringComparison.Ordinal);
        Assert.Equal(RecommendationStatus.Succeeded, answer.Principals[0].FindingRecommendation.Status);
        Assert.Equal(4, answer.Totals.Succeeded);
        Assert.Equal(2, answer.Totals.Failed);
    }

    [Fact]
    public async Task AFindingThatBreaksTheRulesFailsItsPrincipalAloneNamingEveryPathAndTheRestIsAnsweredAsBefore()
    {
        var request = ExampleRequest();
        var findings = request["findings"]!.AsArray();

        // orders-api: an unreadable timestamp and a misspelt union member; reports-job: a value of the wrong type.
        findings[0]!["createdAt"] = "last Tuesday";
        var detail = findings[0]!["findingDetails"]![1]!.AsObject();
        detail["unusedPermissionDetail"] = detail["unusedPermissionDetails"]!.DeepClone();
        detail.Remove("unusedPermissionDetails");
        findings[1]!["findingDetails"] = 5;

        var broken = await PostForJsonAsync(request);
        var whole = await PostForJsonAsync(ExampleRequest());

        var orders = broken["principals"]![0]!["findingRecommendation"]!;
        Assert.Equal("FAILED", orders["status"]!.GetValue<string>());
        Assert.Equal("FindingInvalid", orders["error"]!["code"]!.GetValue<string>());
        Assert.Contains("$.findings[0].createdAt: ", orders["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("$.findings[0].findingDetails[1]: ", orders["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(orders["recommendedSteps"]!.AsArray());

        var reports = broken["principals"]![1]!["findingRecommendation"]!;
        Assert.Equal("FindingInvalid", reports["error"]!["code"]!.GetValue<string>());
        Assert.Contains("$.findings[1].findingDetails: ", reports["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ExampleRequest()["findings"]![1]!["id"]!.GetValue<string>(), broken["principals"]![1]!["findingId"]!.GetValue<string>());

        // Every other principal's own policies are refined exactly as in the request without the broken findings.
        for (var i = 2; i < findings.Count; i++)
        {
            Assert.Equal(whole["principals"]![i]!["findingRecommendation"]!["status"]!.GetValue<string>(), broken["principals"]![i]!["findingRecommendation"]!["status"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(whole["principals"]![i]!["recommendations"], broken["principals"]![i]!["recommendations"]), $"principal {i}");
        }

        Assert.Equal(whole["totals"]!["failed"]!.GetValue<int>() + 2, broken["totals"]!["failed"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFindingThatIsNotAnObjectIsRefusedAtItsPath()
    {
        var request = ExampleRequest();
        request["findings"]!.AsArray()[1] = "arn:aws:iam::123456789012:role/reports-job";

        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.findings[1]"], (await response.ReadErrorsAsync()).Keys);
    }

    [Fact]
    public async Task ADocumentIamWouldRefuseInAVersionNotInForceChangesNothing()
    {
        var request = ExampleRequest();
        var versions = request["authorizationDetails"]!["Policies"]![0]!["PolicyVersionList"]!.AsArray();
        var notInForce = versions.Single(v => !v!["IsDefaultVersion"]!.GetValue<bool>())!;
        notInForce["Document"] = JsonNode.Parse("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Maybe", "Action": "s3:Get*" } ] }""");

        var changed = await PostForJsonAsync(request);
        var whole = await PostForJsonAsync(ExampleRequest());

        Assert.True(JsonNode.DeepEquals(Timeless(whole["principals"]!), Timeless(changed["principals"]!)));
        Assert.True(JsonNode.DeepEquals(whole["sharedPolicies"], changed["sharedPolicies"]));
    }

    [Fact]
    public async Task APolicyWithoutADefaultVersionFailsThePrincipalHoldingItNamingThePath()
    {
        var answer = await PostAsync(ExampleRequest());

        var legacy = answer.Principals[2];
        Assert.Equal("DefaultPolicyVersionMissing", legacy.FindingRecommendation.Error!.Code);
        Assert.Contains("$.authorizationDetails.Policies[5].PolicyVersionList", legacy.FindingRecommendation.Error.Message, StringComparison.Ordinal);
        Assert.Empty(legacy.FindingRecommendation.RecommendedSteps);
    }

    [Fact]
    public async Task APolicySharedByRolesIsRefinedOnceWithoutWhatEveryOneOfThemHasUnused()
    {
        var answer = await PostAsync(ExampleRequest());

        var shared = answer.SharedPolicies.Single(s => s.PolicyId == "arn:aws:iam::123456789012:policy/SharedS3");
        Assert.Equal([OrdersApi, ReportsJob], shared.Principals);
        Assert.Empty(shared.MissingPrincipals);
        Assert.Equal(SharedPolicyUpdate.CreatePolicyVersion, shared.Update);

        // Both have PutObject and GetObjectAcl unused; GetBucketPolicy and ListBucket only one of them.
        Assert.Equal(2, shared.CommonUnusedActions);
        Assert.Equal(["s3:Get*", "s3:PutObject"], shared.Recommendation!.Changes[0].Removed);
        Assert.Equal("s3:Get*", Assert.Single(shared.Recommendation.Changes[0].Replaced).Entry);
        Assert.DoesNotContain("s3:GetObjectAcl", shared.Recommendation.RecommendedPolicy!.ToCompactJson(), StringComparison.Ordinal);
        Assert.Equal([1], answer.Principals[0].AfterSharedRefinements.Select(a => a.StillUnusedActions));
    }

    [Fact]
    public async Task ASharedPolicyIsNotOfferedWhileAPrincipalItAppliesToHasNoFinding()
    {
        var request = ExampleRequest();
        request["findings"]!.AsArray().RemoveAt(1);

        var answer = await PostAsync(request);

        var shared = answer.SharedPolicies.Single(s => s.PolicyId == "arn:aws:iam::123456789012:policy/SharedS3");
        Assert.Equal([ReportsJob], shared.MissingPrincipals);
        Assert.Null(shared.Recommendation);
    }

    [Fact]
    public async Task TheTotalsCountThePoliciesEachApproachWouldCreate()
    {
        var answer = await PostAsync(ExampleRequest());

        var creates = answer.Principals.SelectMany(p => p.FindingRecommendation.RecommendedSteps).Count(s => s.UnusedPermissionsRecommendedStep.RecommendedAction == RecommendedRemediationAction.CreatePolicy);
        Assert.Equal(creates, answer.Totals.PoliciesCreatedPerPrincipal);

        // SharedS3 still holds an action each role has unused, so each still needs its own copy; the group's two policies are updated in place.
        Assert.Equal(creates, answer.Totals.PoliciesCreatedWithSharedRefinements);
        Assert.Equal(3, answer.Totals.SharedPolicyUpdates);
    }

    [Fact]
    public async Task EverySharedRefinementAllowsExactlyThePolicysActionsMinusWhatAllItsPrincipalsHaveUnused()
    {
        var request = ExampleRequest();

        Assert.Equal(3, await JudgeSharedRefinementsAsync(request));
    }

    [Fact]
    public async Task NdjsonAnswersOneLinePerPrincipalThenTheSharedPoliciesAndTotals()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(ExampleRequest().ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, Accounts) { Content = content };
        message.Headers.Accept.ParseAdd("application/x-ndjson");

        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var whole = await PostForJsonAsync(ExampleRequest());
        Assert.Equal(whole["principals"]!.AsArray().Count + 1, lines.Length);
        for (var i = 0; i < lines.Length - 1; i++)
        {
            Assert.Equal(Comparable(whole["principals"]![i]!), Comparable(JsonNode.Parse(lines[i])!));
        }

        var last = JsonNode.Parse(lines[^1])!;
        Assert.True(JsonNode.DeepEquals(whole["sharedPolicies"], last["sharedPolicies"]));
        Assert.True(JsonNode.DeepEquals(whole["totals"], last["totals"]));
    }

    [Fact]
    public async Task TruncatedAuthorizationDetailsAreRefusedAtIsTruncated()
    {
        var request = ExampleRequest();
        request["authorizationDetails"]!["IsTruncated"] = true;
        request["authorizationDetails"]!["Marker"] = "AAEAAf1";

        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.authorizationDetails.IsTruncated", (await response.ReadErrorsAsync()).Keys);
    }

    [Fact]
    public async Task PagesInAListAreReadAsOneAccount()
    {
        var request = ExampleRequest();
        var details = request["authorizationDetails"]!.AsObject();
        var first = new JsonObject { ["RoleDetailList"] = details["RoleDetailList"]!.DeepClone(), ["IsTruncated"] = true, ["Marker"] = "AAEAAf1" };
        var second = new JsonObject { ["UserDetailList"] = details["UserDetailList"]!.DeepClone(), ["GroupDetailList"] = details["GroupDetailList"]!.DeepClone(), ["Policies"] = details["Policies"]!.DeepClone(), ["IsTruncated"] = false };
        request["authorizationDetails"] = new JsonArray(first, second);

        var paged = await PostForJsonAsync(request);
        var merged = await PostForJsonAsync(ExampleRequest());

        // The same recommendations; only the paths of warnings and errors say which page held what.
        foreach (var (one, other) in merged["principals"]!.AsArray().Zip(paged["principals"]!.AsArray()))
        {
            Assert.True(JsonNode.DeepEquals(one!["recommendations"], other!["recommendations"]));
            Assert.True(JsonNode.DeepEquals(one["findingRecommendation"]!["recommendedSteps"], other["findingRecommendation"]!["recommendedSteps"]));
            Assert.True(JsonNode.DeepEquals(one["findingRecommendation"]!["status"], other["findingRecommendation"]!["status"]));
        }

        Assert.Contains(paged["principals"]![1]!["warnings"]!.AsArray(), w => w!["path"]!.GetValue<string>() == "$.authorizationDetails[0].RoleDetailList[1].AttachedManagedPolicies[2]");
    }

    [Fact]
    public async Task ADocumentCutShortIsRefusedSayingWhereReadingStopped()
    {
        var text = ExampleRequest().ToJsonString();

        using var client = factory.CreateClient();
        using var response = await client.PostJsonTextAsync(Accounts, text[..(text.Length / 2)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("(line 1, position ", Assert.Single(Assert.Single(await response.ReadErrorsAsync()).Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMisspeltMemberOfTheContractIsRefusedButOneOfIamsShapesIsCounted()
    {
        var request = ExampleRequest();
        request["option"] = new JsonObject();
        using var client = factory.CreateClient();
        using var refused = await client.PostJsonAsync(Accounts, request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("$.option", (await refused.ReadErrorsAsync()).Keys);

        request = ExampleRequest();
        request["authorizationDetails"]!["RoleDetailList"]![0]!["AMemberIamAddsLater"] = 1;
        var answer = await PostAsync(request);
        Assert.Equal("$.authorizationDetails.RoleDetailList[0].AMemberIamAddsLater", Assert.Single(answer.Warnings, w => w.Code == "UnknownMembers").Path);
    }

    /// <summary>The policies a principal's own recommendations cover, as <c>/v1/recommendations</c> takes them: inline first, then attached, as IAM lists them.</summary>
    public static List<JsonObject> OwnPolicies(JsonNode details, string arn)
    {
        var principal = details["RoleDetailList"]!.AsArray().Concat(details["UserDetailList"]!.AsArray()).Single(p => p!["Arn"]!.GetValue<string>() == arn)!;
        var isRole = principal["RoleName"] is not null;
        var policies = new List<JsonObject>();
        foreach (var inline in (principal[isRole ? "RolePolicyList" : "UserPolicyList"]?.AsArray() ?? []))
        {
            policies.Add(new JsonObject { ["id"] = inline!["PolicyName"]!.DeepClone(), ["kind"] = isRole ? "inlineRole" : "inlineUser", ["document"] = inline["PolicyDocument"]!.DeepClone() });
        }

        foreach (var attached in principal["AttachedManagedPolicies"]!.AsArray())
        {
            var policyArn = attached!["PolicyArn"]!.GetValue<string>();
            if (details["Policies"]!.AsArray().FirstOrDefault(p => p!["Arn"]!.GetValue<string>() == policyArn) is { } managed)
            {
                policies.Add(new JsonObject
                {
                    ["id"] = policyArn,
                    ["kind"] = policyArn.Contains(":iam::aws:policy/", StringComparison.Ordinal) ? "awsManaged" : "managed",
                    ["document"] = managed["PolicyVersionList"]!.AsArray().Single(v => v!["IsDefaultVersion"]!.GetValue<bool>())!["Document"]!.DeepClone(),
                    ["updatedAt"] = managed["UpdateDate"]!.DeepClone(),
                });
            }
        }

        return policies;
    }

    /// <summary>The document in force of a managed policy (by ARN) or a group's inline policy (<c>group/name</c>), as JSON.</summary>
    public static JsonNode DocumentOf(JsonNode details, string id)
    {
        var document = id.StartsWith("arn:", StringComparison.Ordinal)
            ? details["Policies"]!.AsArray().Single(p => p!["Arn"]!.GetValue<string>() == id)!["PolicyVersionList"]!.AsArray().Single(v => v!["IsDefaultVersion"]!.GetValue<bool>())!["Document"]!
            : details["GroupDetailList"]!.AsArray().Single(g => g!["GroupName"]!.GetValue<string>() == id.Split('/')[0])!["GroupPolicyList"]!.AsArray()
                .Single(p => p!["PolicyName"]!.GetValue<string>() == id.Split('/')[1])!["PolicyDocument"]!;
        return document is JsonValue text ? JsonNode.Parse(Uri.UnescapeDataString(text.GetValue<string>()))! : document;
    }

    // A recommendation as it must be the same wherever it is given: warnings by code and message, since their paths say where each request held the policy.
    private static string Comparable(JsonNode recommendation)
    {
        var copy = Timeless(recommendation);
        foreach (var warning in copy.AsObject().Where(p => p.Key == "warnings").SelectMany(p => p.Value!.AsArray()))
        {
            warning!.AsObject().Remove("path");
        }

        return copy.ToJsonString();
    }

    // The clock's readings differ between two answers.
    private static JsonNode Timeless(JsonNode node)
    {
        var copy = node.DeepClone();
        foreach (var item in copy is JsonArray array ? array.ToList() : [copy])
        {
            if (item?["findingRecommendation"] is JsonObject found)
            {
                found.Remove("startedAt");
                found.Remove("completedAt");
            }
        }

        return copy;
    }

    private async Task<AccountRecommendationResponse> PostAsync(JsonObject request)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(Accounts, request);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return HttpClientExtensions.ReadAnswer<AccountRecommendationResponse>(text);
    }

    private async Task<JsonObject> PostForJsonAsync(JsonObject request, string path = Accounts)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostJsonAsync(path, request);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
