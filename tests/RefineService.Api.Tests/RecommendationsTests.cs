using System.Net;
using System.Text.Json.Nodes;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public class RecommendationsTests(ApiFactory factory)
{
    private static readonly string[] RefinedS3Actions =
    [
        "s3:GetAccess*", "s3:GetAccountPublicAccessBlock", "s3:GetBucketAbac", "s3:GetBucketMetadataTableConfiguration",
        "s3:GetDataAccess", "s3:GetJobTagging", "s3:GetMulti*", "s3:GetObject*", "s3:GetStorage*", "s3:List*",
    ];

    private const string SeedRecommendedPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["lambda:Invoke*"],
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:my-lambda"
            },
            {
              "Effect": "Allow",
              "Action": [
                "s3:GetAccess*", "s3:GetAccountPublicAccessBlock", "s3:GetBucketAbac", "s3:GetBucketMetadataTableConfiguration",
                "s3:GetDataAccess", "s3:GetJobTagging", "s3:GetMulti*", "s3:GetObject*", "s3:GetStorage*", "s3:List*"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonObject> RecommendAsync(JsonNode request)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static JsonObject Single(JsonObject answer) => Assert.Single(answer["recommendations"]!.AsArray())!.AsObject();

    [Fact]
    public async Task TheSeedExampleGetsTheArticlesRecommendedPolicyWithKeyOrderKept()
    {
        var answer = await RecommendAsync(SeedRequest());

        var recommendation = Single(answer);
        Assert.Equal("CREATE_POLICY", (string?)recommendation["recommendedAction"]);
        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task TheSeedExampleReportsWhatChangedInEachStatement()
    {
        var recommendation = Single(await RecommendAsync(SeedRequest()));

        var changes = recommendation["changes"]!.AsArray();
        Assert.Equal(2, changes.Count);
        Assert.Equal(0, (int)changes[0]!["index"]!);
        Assert.Equal("modified", (string?)changes[0]!["status"]);
        Assert.Null(changes[0]!["sid"]);
        Assert.True(changes[0]!.AsObject().ContainsKey("sid"));
        Assert.Equal(8, changes[0]!["removed"]!.AsArray().Count);
        Assert.Empty(changes[0]!["replaced"]!.AsArray());

        Assert.Equal(["s3:Get*"], changes[1]!["removed"]!.AsArray().Select(e => (string)e!));
        var replaced = Assert.Single(changes[1]!["replaced"]!.AsArray())!;
        Assert.Equal("s3:Get*", (string?)replaced["entry"]);
        Assert.Equal(RefinedS3Actions[..^1], replaced["with"]!.AsArray().Select(e => (string)e!));
        Assert.False(replaced.AsObject().ContainsKey("trie"));
    }

    [Fact]
    public async Task TheSeedExampleCarriesCatalogVersionSummarySizeAndNoWarnings()
    {
        var answer = await RecommendAsync(SeedRequest());

        Assert.Equal("0.21.202609261", (string?)answer["catalogVersion"]);
        var recommendation = Single(answer);
        var summary = recommendation["summary"]!;
        Assert.True((int)summary["allowedActionsBefore"]! > (int)summary["allowedActionsAfter"]!);
        var removedByLevel = summary["removedByAccessLevel"]!.AsObject();
        Assert.Equal(["List", "Read", "Write", "Permissions management", "Tagging"], removedByLevel.Select(p => p.Key));
        Assert.Equal((int)summary["allowedActionsBefore"]! - (int)summary["allowedActionsAfter"]!, removedByLevel.Sum(p => (int)p.Value!));
        Assert.Equal(6144, (int)recommendation["size"]!["limit"]!);
        Assert.True((bool)recommendation["size"]!["withinLimit"]!);
        Assert.Equal(
            recommendation["recommendedPolicy"]!.ToJsonString().Count(c => !char.IsWhiteSpace(c)),
            (int)recommendation["size"]!["characters"]!);
        Assert.Empty(recommendation["warnings"]!.AsArray());
        Assert.False(recommendation.ContainsKey("policyId"));
    }

    [Fact]
    public async Task TheUnifiedDiffShowsTheArticlesFigureLineByLine()
    {
        var diff = (string)Single(await RecommendAsync(SeedRequest()))["unifiedDiff"]!;

        var lines = diff.Split('\n');
        Assert.Equal("--- original", lines[0]);
        Assert.Equal("+++ recommended", lines[1]);
        Assert.Equal("@@ -1,28 +1,28 @@", lines[2]);
        Assert.Contains("-        \"lambda:AddPermission\",", lines);
        Assert.Contains("         \"lambda:Invoke*\"", lines);
        Assert.Contains("-        \"s3:Get*\",", lines);
        Assert.Contains("+        \"s3:GetAccess*\",", lines);
        Assert.Contains("         \"s3:List*\"", lines);
        Assert.Equal(9, lines.Count(l => l.StartsWith('-')) - 1);
        Assert.Equal(9, lines.Count(l => l.StartsWith('+')) - 1);
    }

    [Fact]
    public async Task RecommendedStepsRepeatTheResultAsAccessAnalyzerWouldCreateThenDetach()
    {
        var request = SeedRequest();
        var document = request["policy"]!.DeepClone();
        request.Remove("policy");
        request["policies"] = new JsonArray(new JsonObject { ["id"] = "arn:aws:iam::123456789012:policy/MyPolicy", ["document"] = document });

        var answer = await RecommendAsync(request);

        var steps = answer["recommendedSteps"]!.AsArray().Select(s => s!["unusedPermissionsRecommendedStep"]!).ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal("CREATE_POLICY", (string?)steps[0]["recommendedAction"]);
        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), JsonNode.Parse((string)steps[0]["recommendedPolicy"]!)!.ToJsonString());
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", (string?)steps[0]["existingPolicyId"]);
        Assert.Equal("DETACH_POLICY", (string?)steps[1]["recommendedAction"]);
        Assert.False(steps[1].AsObject().ContainsKey("recommendedPolicy"));
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", (string?)steps[1]["existingPolicyId"]);
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", (string?)Single(answer)["policyId"]);
    }

    [Fact]
    public async Task AccessAnalyzerFindingDetailsGiveTheSameResultAsUnusedPermissions()
    {
        var request = SeedRequest();
        var findingDetails = new JsonArray(new JsonObject { ["unusedIamRoleDetails"] = new JsonObject { ["lastAccessed"] = "2026-01-01T00:00:00Z" } });
        foreach (var permission in request["unusedPermissions"]!.AsArray())
        {
            findingDetails.Add(new JsonObject
            {
                ["unusedPermissionDetails"] = new JsonObject
                {
                    ["serviceNamespace"] = permission!["serviceNamespace"]!.DeepClone(),
                    ["actions"] = new JsonArray([.. permission["actions"]!.AsArray().Select(a => new JsonObject { ["action"] = a!.DeepClone(), ["lastAccessed"] = "2026-01-01T00:00:00Z" })]),
                    ["lastAccessed"] = "2026-02-01T00:00:00Z",
                },
            });
        }

        request.Remove("unusedPermissions");
        request["findingDetails"] = findingDetails;

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task UnusedPermissionsAndFindingDetailsTogetherCountAsTheirUnion()
    {
        var request = SeedRequest();
        var permissions = request["unusedPermissions"]!.AsArray();
        var s3 = permissions[1]!;
        permissions.RemoveAt(1);
        request["findingDetails"] = new JsonArray(new JsonObject
        {
            ["unusedPermissionDetails"] = new JsonObject
            {
                ["serviceNamespace"] = "s3",
                ["actions"] = new JsonArray([.. s3["actions"]!.AsArray().Select(a => new JsonObject { ["action"] = a!.DeepClone() })]),
            },
        });

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task UnusedActionsMayBeAccessAnalyzerObjectsInsideUnusedPermissions()
    {
        var request = SeedRequest();
        var actions = request["unusedPermissions"]![1]!["actions"]!.AsArray();
        var names = actions.Select(a => (string)a!).ToList();
        actions.Clear();
        foreach (var name in names)
        {
            actions.Add(new JsonObject { ["action"] = name, ["lastAccessed"] = null });
        }

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task ADocumentGivenAsAStringIsRefinedLikeTheObject()
    {
        var request = SeedRequest();
        request["policy"] = request["policy"]!.ToJsonString();

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task SeveralPoliciesAreRefinedInOrderEachWithItsIdKindAndSteps()
    {
        var request = SeedRequest();
        var seedPolicy = request["policy"]!;
        request.Remove("policy");
        request["policies"] = new JsonArray(
            new JsonObject { ["id"] = "seed", ["kind"] = "inlineUser", ["document"] = seedPolicy.ToJsonString() },
            new JsonObject { ["id"] = "untouched", ["document"] = JsonNode.Parse("""{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" } }""") },
            new JsonObject { ["id"] = "all-unused", ["kind"] = "inlineRole", ["document"] = JsonNode.Parse("""{ "Statement": [{ "Sid": "Lambda", "Effect": "Allow", "Action": ["lambda:GetFunction", "lambda:AddPermission"], "Resource": "*" }] }""") });

        var answer = await RecommendAsync(request);

        var recommendations = answer["recommendations"]!.AsArray();
        Assert.Equal(["seed", "untouched", "all-unused"], recommendations.Select(r => (string)r!["policyId"]!));
        Assert.Equal(["CREATE_POLICY", "NONE", "DETACH_POLICY"], recommendations.Select(r => (string)r!["recommendedAction"]!));
        Assert.Equal([2048, 6144, 10240], recommendations.Select(r => (int)r!["size"]!["limit"]!));

        Assert.Equal(JsonNode.Parse(SeedRecommendedPolicy)!.ToJsonString(), recommendations[0]!["recommendedPolicy"]!.ToJsonString());
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}""",
            recommendations[1]!["recommendedPolicy"]!.ToJsonString());
        Assert.Equal(string.Empty, (string?)recommendations[1]!["unifiedDiff"]);
        Assert.False(recommendations[2]!.AsObject().ContainsKey("recommendedPolicy"));
        Assert.Equal("removed", (string?)recommendations[2]!["changes"]![0]!["status"]);
        Assert.Equal("Lambda", (string?)recommendations[2]!["changes"]![0]!["sid"]);
        Assert.StartsWith("--- original\n+++ recommended\n@@ -1,13 +0,0 @@\n-{", (string?)recommendations[2]!["unifiedDiff"], StringComparison.Ordinal);

        var steps = answer["recommendedSteps"]!.AsArray().Select(s => s!["unusedPermissionsRecommendedStep"]!).ToList();
        Assert.Equal(
            ["CREATE_POLICY seed", "DETACH_POLICY seed", "DETACH_POLICY all-unused"],
            steps.Select(s => $"{(string)s["recommendedAction"]!} {(string)s["existingPolicyId"]!}"));
    }

    [Fact]
    public async Task WithExplainEachReplacedWildcardCarriesItsTrieAsAMermaidFlowchart()
    {
        var request = SeedRequest();
        request["options"] = new JsonObject { ["explain"] = true };

        var recommendation = Single(await RecommendAsync(request));

        var trie = (string)recommendation["changes"]![1]!["replaced"]![0]!["trie"]!;
        Assert.StartsWith("flowchart", trie, StringComparison.Ordinal);
        Assert.Contains(":::safe", trie, StringComparison.Ordinal);
        Assert.Contains(":::unsafe", trie, StringComparison.Ordinal);
        Assert.Contains("emitted", trie, StringComparison.Ordinal);
        Assert.Contains("s3:GetBucket", trie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithWildcardsNoneAReplacedWildcardBecomesEveryKeptActionInFull()
    {
        var request = SeedRequest();
        request["options"] = new JsonObject { ["wildcards"] = "none" };

        var recommendation = Single(await RecommendAsync(request));

        var with = recommendation["changes"]![1]!["replaced"]![0]!["with"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.DoesNotContain(with, e => e.Contains('*', StringComparison.Ordinal));
        Assert.Contains("s3:GetObject", with);
        Assert.DoesNotContain("s3:GetBucketPolicy", with);
    }

    [Fact]
    public async Task NothingUnusedInThePolicyMeansNoneWithTheDocumentUnchangedAndNoSteps()
    {
        var request = SeedRequest();
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "ec2", ["actions"] = new JsonArray("DescribeVpcs") });

        var answer = await RecommendAsync(request);

        var recommendation = Single(answer);
        Assert.Equal("NONE", (string?)recommendation["recommendedAction"]);
        Assert.Equal(request["policy"]!.ToJsonString(), recommendation["recommendedPolicy"]!.ToJsonString());
        Assert.All(recommendation["changes"]!.AsArray(), c => Assert.Equal("unchanged", (string?)c!["status"]));
        Assert.Empty(answer["recommendedSteps"]!.AsArray());
    }

    [Fact]
    public async Task AServiceWithoutActionsListedIsWhollyUnused()
    {
        var request = SeedRequest();
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "lambda" }, new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray() });

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal("DETACH_POLICY", (string?)recommendation["recommendedAction"]);
    }

    [Fact]
    public async Task UnknownActionsAndServicesInFindingsAreWarningsWithPathsIntoTheRequest()
    {
        var request = SeedRequest();
        request["unusedPermissions"]!.AsArray().Add(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetBucketPolicy", "NoSuchAction") });
        request["findingDetails"] = new JsonArray(
            new JsonObject { ["unusedIamUserPasswordDetails"] = new JsonObject() },
            new JsonObject { ["unusedPermissionDetails"] = new JsonObject { ["serviceNamespace"] = "nosuchservice", ["actions"] = new JsonArray(new JsonObject { ["action"] = "Read" }) } });

        var warnings = Single(await RecommendAsync(request))["warnings"]!.AsArray();

        var byPath = warnings.ToDictionary(w => (string)w!["path"]!, w => (string)w!["code"]!);
        Assert.Equal("UnknownAction", byPath["$.unusedPermissions[2].actions[1]"]);
        Assert.Equal("UnknownService", byPath["$.findingDetails[1].unusedPermissionDetails.serviceNamespace"]);
    }

    [Fact]
    public async Task UnknownActionsInAPolicyAreWarningsWithPathsIntoItsDocument()
    {
        var request = SeedRequest();
        var document = request["policy"]!.DeepClone();
        document["Statement"]![1]!["Action"]!.AsArray().Add("s3:NoSuchAction");
        request.Remove("policy");
        request["policies"] = new JsonArray(new JsonObject { ["document"] = document });

        var warning = Assert.Single(Single(await RecommendAsync(request))["warnings"]!.AsArray())!;

        Assert.Equal("UnknownAction", (string?)warning["code"]);
        Assert.Equal("$.policies[0].document.Statement[1].Action[2]", (string?)warning["path"]);
        Assert.Contains("s3:NoSuchAction", (string?)warning["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAreCamelCaseJson()
    {
        using var response = await _client.PostJsonAsync(Recommendations, SeedRequest());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["catalogVersion", "recommendations", "recommendedSteps"], body.Select(p => p.Key));
        Assert.Equal(
            ["recommendedAction", "recommendedPolicy", "changes", "summary", "size", "unifiedDiff", "warnings"],
            Single(body).Select(p => p.Key));
    }
}
