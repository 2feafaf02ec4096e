using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>The engine issue's semantics, one behaviour each.</summary>
public class RefinerSemanticsTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    // Expected values come from the oracle's own reading of the catalog and its own matcher, never from the engine's.
    private static readonly OracleCatalog Names = OracleCatalog.Shipped;

    private static IEnumerable<string> Matching(string pattern) => Names.Spelled.Where(name => Glob.IsMatch(pattern, name));

    private static RefinementResult Refine(string policy, IEnumerable<UnusedServiceActions> unused, RefinementOptions? options = null, ActionCatalog? catalog = null)
    {
        catalog ??= Catalog;
        return new Refiner(catalog).Refine(PolicyDocument.Parse(policy), UnusedActionSet.Create(catalog, unused), options);
    }

    private static string Policy(params string[] statements) =>
        $$"""{ "Version": "2012-10-17", "Statement": [ {{string.Join(",", statements)}} ] }""";

    private static string Allow(string actions, string key = "Action") => $$"""{ "Effect": "Allow", "{{key}}": {{actions}}, "Resource": "*" }""";

    private static UnusedServiceActions Unused(string service, params string[] actions) => new(service, actions);

    private static JsonNode? Statement(RefinementResult result, int index) => Recommended(result)["Statement"]![index];

    private static JsonObject Recommended(RefinementResult result) => JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!.AsObject();

    private static string[] Entries(JsonNode? value) =>
        value is JsonArray array ? [.. array.Select(e => e!.GetValue<string>())] : [value!.GetValue<string>()];

    [Fact]
    public void DenyStatementsAreCopiedUnchanged()
    {
        var deny = """{ "Effect": "Deny", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*" }""";

        var result = Refine(Policy(deny, Allow("""["s3:PutObject"]""")), [Unused("s3", "GetObject", "PutObject", "GetObjectAcl")]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(deny), Statement(result, 0)));
        Assert.Equal(StatementStatus.Unchanged, result.Changes[0].Status);
    }

    [Fact]
    public void AnEntryMatchingNoUnusedActionIsKeptVerbatimInPlace()
    {
        var result = Refine(Policy(Allow("""["S3:getOBJECT", "s3:PutObject", "s3:List*"]""")), [Unused("s3", "PutObject")]);

        Assert.Equal(["S3:getOBJECT", "s3:List*"], Entries(Statement(result, 0)!["Action"]));
    }

    [Fact]
    public void AnEntryWhoseEveryMatchIsUnusedIsRemoved()
    {
        var result = Refine(Policy(Allow("""["s3:GetObjectAcl", "s3:GetObjectVersion*", "s3:PutObject"]""")), [Unused("s3", "GetObjectAcl", "GetObjectVersion*")]);

        Assert.Equal(["s3:PutObject"], Entries(Statement(result, 0)!["Action"]));
        Assert.Equal(["s3:GetObjectAcl", "s3:GetObjectVersion*"], result.Changes[0].Removed);
    }

    [Fact]
    public void APartlyUnusedWildcardIsReplacedInPlaceByShortestSafePrefixes()
    {
        var result = Refine(Policy(Allow("""["s3:PutObject", "s3:GetObject*", "s3:ListBucket"]""")), [Unused("s3", "GetObjectAcl")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.Equal("s3:PutObject", actions[0]);
        Assert.Equal("s3:ListBucket", actions[^1]);
        Assert.DoesNotContain("s3:GetObject*", actions);
        Assert.Contains("s3:GetObjectAttributes", actions);
        Assert.Contains("s3:GetObjectVersion*", actions);
        // GetObject itself is used, but GetObjectAcl starts with its name: it is listed exactly.
        Assert.Contains("s3:GetObject", actions);
    }

    [Theory]
    [InlineData("GetSSHPublicKey", "Get|SSH|Public|Key")]
    [InlineData("GetBucketCORS", "Get|Bucket|CORS")]
    [InlineData("AssignIpv6Addresses", "Assign|Ipv6|Addresses")]
    public void WordsSplitAtCaseChangesWithCapitalRunsAndDigitsKeptTogether(string name, string words) =>
        Assert.Equal(words, string.Join('|', ActionWords.Split(name)));

    [Fact]
    public void APrefixCoversLongerNamesAsAStringCaseInsensitively()
    {
        // "ec2:DescribeInstance" would cover the unused DescribeInstanceAttribute, so it is unsafe; "ec2:DescribeInstances"
        // covers DescribeInstances and, as a string, DescribeInstanceSqlHaStates and DescribeInstanceStatus: all used.
        var result = Refine(Policy(Allow("\"ec2:DescribeInstance*\"")), [Unused("ec2", "DescribeInstanceAttribute")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.DoesNotContain("ec2:DescribeInstance*", actions);
        Assert.Contains("ec2:DescribeInstances*", actions);
        Assert.DoesNotContain("ec2:DescribeInstanceStatus", actions);
        Assert.DoesNotContain(actions, a => a.StartsWith("ec2:DescribeInstanceAttribute", StringComparison.Ordinal));
    }

    [Fact]
    public void AWhollySafeServiceUnderAStarBecomesServiceStar()
    {
        var result = Refine(Policy(Allow("\"*\"")), [Unused("s3", "GetObject")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.Contains("lambda:*", actions);
        Assert.Contains("ec2:*", actions);
        Assert.DoesNotContain("s3:*", actions);
        Assert.Contains("s3:GetObjectAcl", actions);
        // A service of a single action is written as that action, as any node covering one action is.
        Assert.Equal(Catalog.Services.Count(s => s.ActionCount > 1) - 1, actions.Count(a => a.EndsWith(":*", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnEntrySpanningServicesStartsFromTheServiceLevel()
    {
        var result = Refine(Policy(Allow("\"*:List*\"")), [Unused("s3", "ListBucket")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.Contains("s3:ListAccess*", actions);
        Assert.Contains("s3:ListBucketVersions", actions);
        Assert.DoesNotContain(actions, a => a.StartsWith("s3:ListBucket", StringComparison.OrdinalIgnoreCase) && a.Length == "s3:ListBucket".Length);
        // Other services keep every List action; one whose actions all start with List becomes "svc:*".
        Assert.All(
            actions.Where(a => !a.StartsWith("s3:", StringComparison.Ordinal)).SelectMany(Matching),
            a => Assert.StartsWith("List", a[(a.IndexOf(':', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MatchingIsCaseInsensitiveOnBothSidesAndGeneratedEntriesUseCanonicalSpelling()
    {
        var result = Refine(Policy(Allow("""["S3:getobject*"]""")), [Unused("S3", "getobjectacl")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.Contains("s3:GetObject", actions);
        Assert.Contains("s3:GetObjectVersion*", actions);
        Assert.All(actions, a => Assert.True(Matching(a).Any() && (a.EndsWith('*') || Names.Spelled.Contains(a, StringComparer.Ordinal))));
    }

    [Fact]
    public void AnUnknownLiteralEqualToAnUnusedActionIsRemoved()
    {
        var result = Refine(Policy(Allow("""["s3:GetBrandNewThing", "s3:PutObject"]""")), [Unused("s3", "GetBrandNewThing")]);

        Assert.Equal(["s3:PutObject"], Entries(Statement(result, 0)!["Action"]));
    }

    [Fact]
    public void NoPrefixCoversAnUnusedActionTheCatalogLacks()
    {
        // "s3:Get*" covers everything Get it allowed but also the unknown unused action, so it is narrowed around it.
        var result = Refine(Policy(Allow("\"s3:Get*\"")), [Unused("s3", "GetBrandNewThing")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.DoesNotContain("s3:Get*", actions);
        Assert.DoesNotContain(actions, a => Glob.IsMatch(a, "s3:GetBrandNewThing"));
        Assert.Equal(Names.StartingWith("s3:get").Count(), result.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void AnyOtherUnknownActionIsKeptWithAWarningNamingItsPath()
    {
        var result = Refine(Policy(Allow("""["s3:PutObject", "s3:GetObjekt"]""")), [Unused("s3", "PutObject")]);

        Assert.Equal(["s3:GetObjekt"], Entries(Statement(result, 0)!["Action"]));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(RefinementWarningCodes.UnknownAction, warning.Code);
        Assert.Equal("$.Statement[0].Action[1]", warning.Path);
    }

    [Fact]
    public void AnUnknownServicePrefixGetsAnUnknownServiceWarning()
    {
        var result = Refine(Policy(Allow("\"nosuchservice:DoThing\"")), []);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(RefinementWarningCodes.UnknownService, warning.Code);
        Assert.Equal("$.Statement[0].Action", warning.Path);
        Assert.True(result.IsUnchanged);
    }

    [Fact]
    public void UnknownNamesInTheFindingsAreWarningsWithTheirPath()
    {
        var unused = UnusedActionSet.Create(Catalog, [Unused("s3", "GetObject", "GetObjekt"), Unused("nosuchservice", "DoThing")]);

        Assert.Equal(
            [(RefinementWarningCodes.UnknownAction, "$[0].actions[1]"), (RefinementWarningCodes.UnknownService, "$[1].serviceNamespace")],
            unused.Warnings.Select(w => (w.Code, w.Path)));
    }

    [Fact]
    public void NotActionGetsTheUnusedActionsItStillAllowsCollapsedToShortestPrefixes()
    {
        var lambdaActions = Catalog.ActionsOf(Catalog.Services.Single(s => s.Prefix == "lambda")).Select(a => a.Name).ToArray();
        var result = Refine(
            Policy(Allow("""["iam:*", "s3:GetObjectAcl"]""", "NotAction")),
            [new UnusedServiceActions("lambda", null), Unused("s3", "GetObjectAcl", "GetObjectTagging"), Unused("iam", "GetRole")]);

        var notAction = Entries(Statement(result, 0)!["NotAction"]);
        Assert.Equal(["iam:*", "s3:GetObjectAcl", "lambda:*", "s3:GetObjectTagging"], notAction);
        Assert.Equal(["lambda:*", "s3:GetObjectTagging"], result.Changes[0].Added);
        Assert.Equal(result.Summary.AllowedActionsBefore - lambdaActions.Length - 1, result.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void NotActionExcludesAWhollyUnusedServiceTheCatalogLacksByName()
    {
        var result = Refine(Policy(Allow("""["iam:*"]""", "NotAction")), [new UnusedServiceActions("newservice", []), Unused("s3", "GetObject")]);

        Assert.Equal(["iam:*", "s3:GetObject", "newservice:*"], Entries(Statement(result, 0)!["NotAction"]));
        Assert.Equal(["s3:GetObject", "newservice:*"], result.Changes[0].Added);
    }

    [Fact]
    public void AStarIsReplacedWhenAServiceTheCatalogLacksIsWhollyUnused()
    {
        // Nobody can list that service's actions, so "*" would keep allowing them: it becomes every catalog service instead.
        var result = Refine(Policy(Allow("\"*\"")), [new UnusedServiceActions("newservice", null)]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.DoesNotContain("*", actions);
        Assert.Contains("s3:*", actions);
        Assert.DoesNotContain(actions, a => Glob.IsMatch(a, "newservice:AnyAction"));
        Assert.Equal(Names.Count, result.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void AWildcardServicePrefixThatCoversAWhollyUnusedUnknownServiceIsNarrowed()
    {
        var result = Refine(Policy(Allow("""["newserv*:Get*", "s3:GetObject"]""")), [new UnusedServiceActions("newservice", null)]);

        Assert.Equal(["s3:GetObject"], Entries(Statement(result, 0)!["Action"]));
        Assert.Equal(["newserv*:Get*"], result.Changes[0].Removed);
    }

    [Fact]
    public void TheAfterCountIsWhatTheRecommendationAllows()
    {
        var s3 = Names.StartingWith("s3:").Count();

        var result = Refine(Policy(Allow("\"s3:*\"")), [Unused("s3", "GetObject", "PutObject")]);

        Assert.Equal(s3, result.Summary.AllowedActionsBefore);
        Assert.Equal(s3 - 2, result.Summary.AllowedActionsAfter);
        Assert.Equal(1, result.Summary.RemovedByAccessLevel[AccessLevel.Read]);
        Assert.Equal(1, result.Summary.RemovedByAccessLevel[AccessLevel.Write]);
    }

    [Fact]
    public void AnOriginalEntryThatAReplacementWritesAgainIsNeitherRemovedNorAdded()
    {
        var result = Refine(Policy(Allow("""["*", "lambda:*"]""")), [Unused("s3", "GetObject")]);

        Assert.Equal(["*"], result.Changes[0].Removed);
        Assert.DoesNotContain("lambda:*", result.Changes[0].Added);
        Assert.Single(Entries(Statement(result, 0)!["Action"]), "lambda:*");
    }

    [Fact]
    public void NotActionThatAlreadyExcludesEveryUnusedActionIsUnchanged()
    {
        var result = Refine(Policy(Allow("\"s3:*\"", "NotAction")), [Unused("s3", "GetObject")]);

        Assert.True(result.IsUnchanged);
        Assert.Equal("s3:*", Statement(result, 0)!["NotAction"]!.GetValue<string>());
    }

    [Fact]
    public void StatementOrderKeysAndTheirOrderAreUnchanged()
    {
        var statement = """
            { "Sid": "Read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
              "Action": ["s3:PutObject", "s3:GetObject"], "NotResource": "arn:aws:s3:::secret/*",
              "Condition": { "Bool": { "aws:SecureTransport": "true" } }, "X-Custom": [1, 2] }
            """;

        var result = Refine($$"""{ "Id": "p1", "Statement": [ {{statement}} ], "Version": "2012-10-17" }""", [Unused("s3", "PutObject")]);

        Assert.Equal(["Id", "Statement", "Version"], Recommended(result).Select(p => p.Key));
        var refined = Statement(result, 0)!.AsObject();
        Assert.Equal(["Sid", "Effect", "Principal", "Action", "NotResource", "Condition", "X-Custom"], refined.Select(p => p.Key));
        var expected = JsonNode.Parse(statement)!.AsObject();
        expected["Action"] = new JsonArray("s3:GetObject");
        Assert.True(JsonNode.DeepEquals(expected, refined), refined.ToJsonString());
        Assert.Equal("Read", result.Changes[0].Sid);
    }

    [Fact]
    public void AnActionThatWasOneStringStaysAStringWhenOneEntryRemains()
    {
        var allButGetObject = Catalog.Match("s3:GetObject*").Select(a => a.Name).Where(n => n != "GetObject").ToArray();

        var result = Refine(Policy(Allow("\"s3:GetObject*\"")), [Unused("s3", allButGetObject)]);

        Assert.Equal("s3:GetObject", Statement(result, 0)!["Action"]!.GetValue<string>());
    }

    [Fact]
    public void NoEntryAppearsTwiceInAStatement()
    {
        var result = Refine(Policy(Allow("""["s3:GetObjectAcl", "s3:GetObject*", "S3:GETOBJECTACL"]""")), [Unused("s3", "GetObjectTagging")]);

        var actions = Entries(Statement(result, 0)!["Action"]);
        Assert.Equal(actions.Length, actions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("s3:GetObjectAcl", actions[0]);
        Assert.Equal(["s3:GetObject*", "S3:GETOBJECTACL"], result.Changes[0].Removed);
    }

    [Fact]
    public void AnAllowStatementLeftWithNoActionsIsRemoved()
    {
        var result = Refine(Policy(Allow("""["s3:PutObject"]"""), Allow("""["lambda:InvokeFunction"]""")), [Unused("s3", "PutObject")]);

        Assert.Single(Recommended(result)["Statement"]!.AsArray());
        Assert.Equal(StatementStatus.Removed, result.Changes[0].Status);
        Assert.Equal(["s3:PutObject"], result.Changes[0].Removed);
        Assert.Equal(StatementStatus.Unchanged, result.Changes[1].Status);
    }

    [Fact]
    public void WhenNoStatementIsLeftTheResultSaysSo()
    {
        var result = Refine(Policy(Allow("""["s3:PutObject"]""")), [Unused("s3")]);

        Assert.True(result.IsEmpty);
        Assert.Null(result.RecommendedPolicy);
        Assert.Equal(0, result.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void TheChangeRecordNamesEachReplacedEntryAndWhatReplacedIt()
    {
        var result = Refine(Policy(Allow("""["s3:GetObject*", "s3:PutObject"]""")), [Unused("s3", "GetObjectAcl", "PutObject")]);

        var change = result.Changes[0];
        Assert.Equal(StatementStatus.Modified, change.Status);
        Assert.Equal(["s3:GetObject*", "s3:PutObject"], change.Removed);
        var replaced = Assert.Single(change.Replaced);
        Assert.Equal("s3:GetObject*", replaced.Entry);
        Assert.Equal(change.Added, replaced.With);
        Assert.Null(replaced.Trie);
    }

    [Fact]
    public void RemovedActionsAreCountedByAccessLevel()
    {
        var result = Refine(Policy(Allow("""["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:PutObjectTagging"]""")), [Unused("s3", "PutObject", "ListBucket", "PutObjectTagging")]);

        Assert.Equal(4, result.Summary.AllowedActionsBefore);
        Assert.Equal(1, result.Summary.AllowedActionsAfter);
        Assert.Equal(1, result.Summary.RemovedByAccessLevel[AccessLevel.Write]);
        Assert.Equal(1, result.Summary.RemovedByAccessLevel[AccessLevel.List]);
        Assert.Equal(1, result.Summary.RemovedByAccessLevel[AccessLevel.Tagging]);
        Assert.Equal(0, result.Summary.RemovedByAccessLevel[AccessLevel.Read]);
    }

    [Fact]
    public void WithWildcardsNoneEveryKeptActionOfAReplacedEntryIsListedInFull()
    {
        var result = Refine(Policy(Allow("\"s3:GetObject*\"")), [Unused("s3", "GetObjectAcl")], new RefinementOptions(WildcardMode.None));

        var actions = Entries(Statement(result, 0)!["Action"]);
        var expected = Matching("s3:GetObject*").Where(a => a != "s3:GetObjectAcl");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void ExplainDrawsTheTrieOfEachReplacedEntryAsAMermaidFlowchart()
    {
        var result = Refine(SeedExample.PolicyJson, SeedExample.Unused, new RefinementOptions(Explain: true));

        var trie = result.Changes[1].Replaced.Single().Trie!;
        Assert.StartsWith("flowchart", trie, StringComparison.Ordinal);
        Assert.Contains("\"s3:Get\"]:::unsafe", trie, StringComparison.Ordinal);
        Assert.Contains("\"s3:GetAccess ⇒ s3:GetAccess*\"]:::safe", trie, StringComparison.Ordinal);
        Assert.Contains("\"s3:GetBucket\"]:::unsafe", trie, StringComparison.Ordinal);
        Assert.Contains("classDef emitted", trie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PolicyKind.Managed, 6_144)]
    [InlineData(PolicyKind.InlineRole, 10_240)]
    [InlineData(PolicyKind.InlineUser, 2_048)]
    [InlineData(PolicyKind.InlineGroup, 5_120)]
    public void TheSizeIsCheckedAgainstTheLimitOfThePolicyKind(PolicyKind kind, int limit)
    {
        var result = Refine(Policy(Allow("\"s3:PutObject\"")), [], new RefinementOptions(Kind: kind));

        Assert.Equal(limit, result.Size.Limit);
        Assert.Equal(Policy(Allow("\"s3:PutObject\"")).Count(c => !char.IsWhiteSpace(c)), result.Size.Characters);
        Assert.True(result.Size.WithinLimit);
    }

    [Fact]
    public void ARecommendationOverTheLimitGetsAPolicySizeExceededWarning()
    {
        var result = Refine(Policy(Allow("\"s3:*\"")), [Unused("s3", "GetObject")], new RefinementOptions(WildcardMode.None, Kind: PolicyKind.InlineUser));

        Assert.False(result.Size.WithinLimit);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(RefinementWarningCodes.PolicySizeExceeded, warning.Code);
        Assert.Equal("$", warning.Path);
    }
}
