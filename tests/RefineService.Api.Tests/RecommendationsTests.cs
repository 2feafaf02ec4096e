using System.Net;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
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

    private async Task<RecommendationResponse> RecommendAsync(JsonNode request) => (await RecommendWithWireAsync(request)).Answer;

    /// <summary>The answer typed, and as it travelled for the assertions only the wire can make.</summary>
    private async Task<(RecommendationResponse Answer, JsonObject Wire)> RecommendWithWireAsync(JsonNode request)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAnswerAsync<RecommendationResponse>(), await response.ReadJsonAsync());
    }

    private static PolicyRecommendation Single(RecommendationResponse answer) => Assert.Single(answer.Recommendations);

    private static JsonObject Single(JsonObject wire) => Assert.Single(wire["recommendations"]!.AsArray())!.AsObject();

    /// <summary>JSON text written compactly, keys in their order, the same way for what is expected and what is answered.</summary>
    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>The recommended document, read whole, written compactly as <see cref="Compact(string)"/> writes the expected one.</summary>
    private static string Compact(PolicyDocument? document)
    {
        Assert.NotNull(document);
        Assert.Empty(document.Problems);
        return Compact(document.ToCompactJson());
    }

    [Fact]
    public async Task TheSeedExampleGetsTheArticlesRecommendedPolicyWithKeyOrderKept()
    {
        var (answer, wire) = await RecommendWithWireAsync(SeedRequest());

        var recommendation = Single(answer);
        Assert.Equal(RecommendedAction.CreatePolicy, recommendation.RecommendedAction);
        Assert.Equal("CREATE_POLICY", (string?)Single(wire)["recommendedAction"]); // the enum's spelling on the wire
        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendation.RecommendedPolicy));
    }

    [Fact]
    public async Task TheSeedExampleReportsWhatChangedInEachStatement()
    {
        var (answer, wire) = await RecommendWithWireAsync(SeedRequest());

        var changes = Single(answer).Changes;
        Assert.Equal(2, changes.Count);
        Assert.Equal(0, changes[0].Index);
        Assert.Equal(StatementStatus.Modified, changes[0].Status);
        Assert.Null(changes[0].Sid);
        Assert.Equal(8, changes[0].Removed.Count);
        Assert.Empty(changes[0].Replaced);

        Assert.Equal(["s3:Get*"], changes[1].Removed);
        var replaced = Assert.Single(changes[1].Replaced);
        Assert.Equal("s3:Get*", replaced.Entry);
        Assert.Equal(RefinedS3Actions[..^1], replaced.With);
        Assert.Null(replaced.Trie);

        // On the wire: the status's spelling, a sid written as null, a trie left out.
        var wireChanges = Single(wire)["changes"]!.AsArray();
        Assert.Equal("modified", (string?)wireChanges[0]!["status"]);
        Assert.True(wireChanges[0]!.AsObject().ContainsKey("sid"));
        Assert.False(wireChanges[1]!["replaced"]![0]!.AsObject().ContainsKey("trie"));
    }

    [Fact]
    public async Task TheSeedExampleCarriesCatalogVersionSummarySizeAndOnlyTheWarningThatItsPolicyHasNoId()
    {
        var (answer, wire) = await RecommendWithWireAsync(SeedRequest());

        Assert.Equal("0.21.202609261", answer.CatalogVersion);
        var recommendation = Single(answer);
        var summary = recommendation.Summary;
        Assert.True(summary.AllowedActionsBefore > summary.AllowedActionsAfter);
        Assert.Equal(["List", "Read", "Write", "Permissions management", "Tagging"], summary.RemovedByAccessLevel.Select(p => p.Key));
        Assert.Equal(summary.AllowedActionsBefore - summary.AllowedActionsAfter, summary.RemovedByAccessLevel.Sum(p => p.Value));
        Assert.Equal(6144, recommendation.Size.Limit);
        Assert.True(recommendation.Size.WithinLimit);
        Assert.Equal(Compact(recommendation.RecommendedPolicy).Count(c => !char.IsWhiteSpace(c)), recommendation.Size.Characters);
        Assert.Equal("PolicyIdMissing", Assert.Single(recommendation.Warnings).Code);
        Assert.Null(recommendation.PolicyId);
        Assert.False(Single(wire).ContainsKey("policyId")); // left out on the wire, not written as null
    }

    [Fact]
    public async Task TheUnifiedDiffShowsTheArticlesFigureLineByLine()
    {
        var diff = Single(await RecommendAsync(SeedRequest())).UnifiedDiff!;

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

        var (answer, wire) = await RecommendWithWireAsync(request);

        var steps = answer.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal(RecommendedRemediationAction.CreatePolicy, steps[0].RecommendedAction);
        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(Assert.IsType<string>(steps[0].RecommendedPolicy)));
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", steps[0].ExistingPolicyId);
        Assert.Equal(RecommendedRemediationAction.DetachPolicy, steps[1].RecommendedAction);
        Assert.Null(steps[1].RecommendedPolicy);
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", steps[1].ExistingPolicyId);
        Assert.Equal("arn:aws:iam::123456789012:policy/MyPolicy", Single(answer).PolicyId);

        // On the wire, as Access Analyzer writes them: the actions' spellings, and no policy on the detach step.
        var wireSteps = wire["recommendedSteps"]!.AsArray().Select(s => s!["unusedPermissionsRecommendedStep"]!).ToList();
        Assert.Equal(["CREATE_POLICY", "DETACH_POLICY"], wireSteps.Select(s => (string)s["recommendedAction"]!));
        Assert.False(wireSteps[1].AsObject().ContainsKey("recommendedPolicy"));
    }

    [Fact]
    public async Task WithFitSplitEachPartIsACreateStepAndTheOriginalIsDetached()
    {
        var request = JsonNode.Parse("""
            {
              "policies": [ { "id": "arn:aws:iam::123456789012:policy/All", "document": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] } } ],
              "unusedPermissions": [ { "serviceNamespace": "ec2" }, { "serviceNamespace": "s3", "actions": ["GetObject", "PutObject"] } ],
              "options": { "fit": "split" }
            }
            """)!;

        var answer = await RecommendAsync(request);

        var recommendation = Single(answer);
        Assert.False(recommendation.Size.WithinLimit);
        var parts = Assert.IsAssignableFrom<IReadOnlyList<SplitPart>>(recommendation.Split);
        Assert.All(parts, p => Assert.True(p.WithinLimit && p.Characters <= recommendation.Size.Limit));
        var steps = answer.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal([.. parts.Select(_ => RecommendedRemediationAction.CreatePolicy), RecommendedRemediationAction.DetachPolicy], steps.Select(s => s.RecommendedAction));
        Assert.Equal(parts.Select(p => Compact(p.Document)), steps.SkipLast(1).Select(s => Compact(s.RecommendedPolicy!)));
        Assert.DoesNotContain(recommendation.Warnings, w => w.Code == "PolicySizeExceeded");
    }

    [Fact]
    public async Task WithFitNotActionAStarIsWrittenAsTheNotActionOfTheUnusedActionsInOneStep()
    {
        var request = JsonNode.Parse("""
            {
              "policies": [ { "id": "arn:aws:iam::123456789012:policy/All", "document": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] } } ],
              "unusedPermissions": [ { "serviceNamespace": "ec2" }, { "serviceNamespace": "s3", "actions": ["GetObject", "PutObject"] } ],
              "options": { "fit": "notAction" }
            }
            """)!;

        var (answer, wire) = await RecommendWithWireAsync(request);

        var recommendation = Single(answer);
        Assert.True(recommendation.Size.WithinLimit);
        Assert.Null(recommendation.Split);
        var statement = JsonNode.Parse(recommendation.RecommendedPolicy!.ToCompactJson())!["Statement"]![0]!;
        Assert.Equal(["ec2:*", "s3:GetObject", "s3:PutObject"], statement["NotAction"]!.AsArray().Select(e => (string)e!));
        Assert.True((bool)Single(wire)["changes"]![0]!["writtenAsNotAction"]!);
        var steps = answer.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal([RecommendedRemediationAction.CreatePolicy, RecommendedRemediationAction.DetachPolicy], steps.Select(s => s.RecommendedAction));
        Assert.Equal(Compact(recommendation.RecommendedPolicy!), Compact(steps[0].RecommendedPolicy!));
        Assert.DoesNotContain(recommendation.Warnings, w => w.Code == "PolicySizeExceeded");
    }

    [Fact]
    public async Task WithoutFitNotActionAChangeRecordDoesNotMentionIt()
    {
        var (_, wire) = await RecommendWithWireAsync(SeedRequest());

        Assert.All(Single(wire)["changes"]!.AsArray(), c => Assert.False(c!.AsObject().ContainsKey("writtenAsNotAction")));
    }

    [Fact]
    public async Task CompactDropsTheOriginalsCoveredEntriesAndSaysWhatCoversThem()
    {
        var request = JsonNode.Parse("""
            {
              "policy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": ["kafka:List*", "kafka:ListClusters", "kafka:ListClustersV2"], "Resource": "*" } ] },
              "unusedPermissions": [ { "serviceNamespace": "kafka", "actions": ["ListNodes"] } ],
              "options": { "compact": true }
            }
            """)!;

        var (answer, wire) = await RecommendWithWireAsync(request);

        var change = Assert.Single(Single(answer).Changes);
        Assert.Equal(["kafka:ListClusters", "kafka:ListClustersV2"], change.Redundant.Select(r => r.Entry));
        Assert.All(change.Redundant, r => Assert.EndsWith("*", r.CoveredBy, StringComparison.Ordinal));
        Assert.Equal("kafka:ListClusters", (string)Single(wire)["changes"]![0]!["redundant"]![0]!["entry"]!);
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

        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendation.RecommendedPolicy));
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

        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendation.RecommendedPolicy));
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

        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendation.RecommendedPolicy));
    }

    [Fact]
    public async Task ADocumentGivenAsAStringIsRefinedLikeTheObject()
    {
        var request = SeedRequest();
        request["policy"] = request["policy"]!.ToJsonString();

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendation.RecommendedPolicy));
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

        var (answer, wire) = await RecommendWithWireAsync(request);

        var recommendations = answer.Recommendations;
        Assert.Equal(["seed", "untouched", "all-unused"], recommendations.Select(r => r.PolicyId));
        Assert.Equal([RecommendedAction.CreatePolicy, RecommendedAction.None, RecommendedAction.DetachPolicy], recommendations.Select(r => r.RecommendedAction));
        Assert.Equal([2048, 6144, 10240], recommendations.Select(r => r.Size.Limit));

        Assert.Equal(Compact(SeedRecommendedPolicy), Compact(recommendations[0].RecommendedPolicy));
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}""",
            Compact(recommendations[1].RecommendedPolicy));
        Assert.Equal(string.Empty, recommendations[1].UnifiedDiff);
        Assert.Null(recommendations[2].RecommendedPolicy);
        Assert.Equal(StatementStatus.Removed, recommendations[2].Changes[0].Status);
        Assert.Equal("Lambda", recommendations[2].Changes[0].Sid);
        Assert.StartsWith("--- original\n+++ recommended\n@@ -1,13 +0,0 @@\n-{", recommendations[2].UnifiedDiff, StringComparison.Ordinal);

        var steps = answer.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        Assert.Equal(
            [(RecommendedRemediationAction.CreatePolicy, "seed"), (RecommendedRemediationAction.DetachPolicy, "seed"), (RecommendedRemediationAction.DetachPolicy, "all-unused")],
            steps.Select(s => (s.RecommendedAction, s.ExistingPolicyId)));

        // On the wire: the enums' spellings, and no policy where none is left.
        var wireRecommendations = wire["recommendations"]!.AsArray();
        Assert.Equal(["CREATE_POLICY", "NONE", "DETACH_POLICY"], wireRecommendations.Select(r => (string)r!["recommendedAction"]!));
        Assert.False(wireRecommendations[2]!.AsObject().ContainsKey("recommendedPolicy"));
        Assert.Equal("removed", (string?)wireRecommendations[2]!["changes"]![0]!["status"]);
        Assert.Equal(
            ["CREATE_POLICY", "DETACH_POLICY", "DETACH_POLICY"],
            wire["recommendedSteps"]!.AsArray().Select(s => (string)s!["unusedPermissionsRecommendedStep"]!["recommendedAction"]!));
    }

    [Fact]
    public async Task WithExplainEachReplacedWildcardCarriesItsTrieAsAMermaidFlowchart()
    {
        var request = SeedRequest();
        request["options"] = new JsonObject { ["explain"] = true };

        var recommendation = Single(await RecommendAsync(request));

        var trie = Assert.IsType<string>(recommendation.Changes[1].Replaced[0].Trie);
        Assert.StartsWith("flowchart", trie, StringComparison.Ordinal);
        Assert.Contains(":::safe", trie, StringComparison.Ordinal);
        Assert.Contains(":::unsafe", trie, StringComparison.Ordinal);
        Assert.Contains("emitted", trie, StringComparison.Ordinal);
        Assert.Contains("s3:GetBucket", trie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithExplainEachReplacedWildcardCarriesItsTrieAsNodesThatTheMermaidFlowchartDrawsToo()
    {
        var request = SeedRequest();
        request["options"] = new JsonObject { ["explain"] = true };

        var replaced = Single(await RecommendAsync(request)).Changes[1].Replaced[0];

        var nodes = Assert.IsAssignableFrom<IReadOnlyList<Api.Contracts.TrieNode>>(replaced.TrieNodes);
        Assert.Equal("s3:", nodes[0].Prefix);
        Assert.Null(nodes[0].Parent);
        Assert.All(nodes.Skip(1), node => Assert.StartsWith(nodes[node.Parent!.Value].Prefix, node.Prefix, StringComparison.OrdinalIgnoreCase));
        Assert.All(nodes.Select((node, index) => (node, index)).Skip(1), n => Assert.True(n.node.Parent < n.index, "a parent comes before its children"));
        Assert.Equal(replaced.With.Order(StringComparer.Ordinal), nodes.Where(n => n.Emitted is not null).Select(n => n.Emitted!).Order(StringComparer.Ordinal));
        Assert.Contains(nodes, n => n is { Prefix: "s3:Get", Safe: false, Emitted: null });
        Assert.Contains(nodes, n => n is { Prefix: "s3:GetObject", Safe: true, Emitted: "s3:GetObject*" });
        foreach (var node in nodes)
        {
            var label = node.Emitted is null ? node.Prefix : $"{node.Prefix} ⇒ {node.Emitted}";
            Assert.Contains($"[\"{label}\"]:::{(node.Safe ? "safe" : "unsafe")}", replaced.Trie, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutExplainNoTrieIsGiven()
    {
        var (_, wire) = await RecommendWithWireAsync(SeedRequest());

        var replaced = Single(wire)["changes"]![1]!["replaced"]![0]!.AsObject();
        Assert.False(replaced.ContainsKey("trie"));
        Assert.False(replaced.ContainsKey("trieNodes"));
    }

    [Fact]
    public async Task WithWildcardsNoneAReplacedWildcardBecomesEveryKeptActionInFull()
    {
        var request = SeedRequest();
        request["options"] = new JsonObject { ["wildcards"] = "none" };

        var recommendation = Single(await RecommendAsync(request));

        var with = recommendation.Changes[1].Replaced[0].With;
        Assert.DoesNotContain(with, e => e.Contains('*', StringComparison.Ordinal));
        Assert.Contains("s3:GetObject", with);
        Assert.DoesNotContain("s3:GetBucketPolicy", with);
    }

    [Fact]
    public async Task NothingUnusedInThePolicyMeansNoneWithTheDocumentUnchangedAndNoSteps()
    {
        var request = SeedRequest();
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "ec2", ["actions"] = new JsonArray("DescribeVpcs") });

        var (answer, wire) = await RecommendWithWireAsync(request);

        var recommendation = Single(answer);
        Assert.Equal(RecommendedAction.None, recommendation.RecommendedAction);
        Assert.Equal(request["policy"]!.ToJsonString(), Compact(recommendation.RecommendedPolicy));
        Assert.All(recommendation.Changes, c => Assert.Equal(StatementStatus.Unchanged, c.Status));
        Assert.Empty(answer.RecommendedSteps);

        // The enums' spellings on the wire.
        Assert.Equal("NONE", (string?)Single(wire)["recommendedAction"]);
        Assert.All(Single(wire)["changes"]!.AsArray(), c => Assert.Equal("unchanged", (string?)c!["status"]));
    }

    [Fact]
    public async Task AServiceWithoutActionsListedIsWhollyUnused()
    {
        var request = SeedRequest();
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "lambda" }, new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray() });

        var recommendation = Single(await RecommendAsync(request));

        Assert.Equal(RecommendedAction.DetachPolicy, recommendation.RecommendedAction);
    }

    [Fact]
    public async Task UnknownActionsAndServicesInFindingsAreWarningsWithPathsIntoTheRequest()
    {
        var request = SeedRequest();
        request["unusedPermissions"]!.AsArray().Add(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetBucketPolicy", "NoSuchAction") });
        request["findingDetails"] = new JsonArray(
            new JsonObject { ["unusedIamUserPasswordDetails"] = new JsonObject() },
            new JsonObject { ["unusedPermissionDetails"] = new JsonObject { ["serviceNamespace"] = "nosuchservice", ["actions"] = new JsonArray(new JsonObject { ["action"] = "Read" }) } });

        var warnings = Single(await RecommendAsync(request)).Warnings;

        var byPath = warnings.ToDictionary(w => w.Path, w => w.Code);
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
        request["policies"] = new JsonArray(new JsonObject { ["id"] = "PolicyOfTheRole", ["document"] = document });

        var warnings = Single(await RecommendAsync(request)).Warnings;

        // The action's own warning, then the count of every such one, which says the catalog may be behind.
        Assert.Equal(["UnknownAction", "UnknownActions"], warnings.Select(w => w.Code));
        Assert.Equal("$.policies[0].document.Statement[1].Action[2]", warnings[0].Path);
        Assert.Contains("s3:NoSuchAction", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("$", warnings[1].Path);
        Assert.StartsWith("1 action, pattern or service of this request is not in the action catalog", warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAreCamelCaseJson()
    {
        using var response = await _client.PostJsonAsync(Recommendations, SeedRequest());

        // The wire form itself: the media type and the property names in their order.
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["catalogVersion", "recommendations", "recommendedSteps", "remediations", "warnings"], body.Select(p => p.Key));
        Assert.Equal(
            ["recommendedAction", "recommendedPolicy", "changes", "summary", "unusedActions", "size", "unifiedDiff", "warnings"],
            Single(body).Select(p => p.Key));
    }
}
