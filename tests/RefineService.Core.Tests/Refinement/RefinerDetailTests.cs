using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;

namespace RefineService.Core.Tests.Refinement;

/// <summary>What the refinement says besides the document: warnings and their wording, the size at IAM's limit, the explained trie, cancellation.</summary>
public partial class RefinerDetailTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static RefinementResult Refine(string policy, IEnumerable<UnusedServiceActions> unused, RefinementOptions? options = null) =>
        new Refiner(Catalog).Refine(PolicyDocument.Parse(policy), UnusedActionSet.Create(Catalog, unused), options, TestContext.Current.CancellationToken);

    [Fact]
    public void APolicyWithOneStatementChangedOfTwoIsNotUnchanged()
    {
        var result = Refine(
            """{ "Statement": [ { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*" }, { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }""",
            [new UnusedServiceActions("s3", ["GetObject"])]);

        Assert.Equal(StatementStatus.Unchanged, result.Changes[0].Status);
        Assert.False(result.IsUnchanged);
    }

    [Fact]
    public void ARecommendationOfExactlyTheLimitFitsAndOneCharacterMoreDoesNot()
    {
        string Policy(string sid) => $$"""{ "Statement": { "Sid": "{{sid}}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*" } }""";
        var options = new RefinementOptions(Kind: PolicyKind.InlineUser);
        var unused = new[] { new UnusedServiceActions("s3", ["PutObject"]) };
        var shortOne = Refine(Policy("S"), unused, options);
        var padding = new string('x', shortOne.Size.Limit - shortOne.Size.Characters);

        var atLimit = Refine(Policy("S" + padding), unused, options);
        var overLimit = Refine(Policy("Sx" + padding), unused, options);

        Assert.Equal(atLimit.Size.Limit, atLimit.Size.Characters);
        Assert.True(atLimit.Size.WithinLimit);
        Assert.DoesNotContain(atLimit.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
        Assert.False(overLimit.Size.WithinLimit);
        var warning = Assert.Single(overLimit.Warnings);
        Assert.Contains($"{overLimit.Size.Characters} characters", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"IAM allows {overLimit.Size.Limit}", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsInAStatementGivenAsAnObjectNameItsPath()
    {
        var result = Refine("""{ "Statement": { "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObjekt"], "Resource": "*" } }""", [new UnusedServiceActions("s3", ["PutObject"])]);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("$.Statement.Action[1]", warning.Path);
        Assert.Equal("The action 's3:GetObjekt' is not in the action catalog.", warning.Message);
    }

    [Fact]
    public void UnknownNotActionEntriesAreWarningsToo()
    {
        var result = Refine(
            """{ "Statement": [ { "Effect": "Allow", "NotAction": ["iam:*", "nosuchservice:DoThing", "s3:Nothing*"], "Resource": "*" } ] }""",
            [new UnusedServiceActions("s3", ["GetObject"])]);

        Assert.Equal(
            [
                (RefinementWarningCodes.UnknownService, "$.Statement[0].NotAction[1]", "The service prefix 'nosuchservice' is not in the action catalog."),
                (RefinementWarningCodes.UnknownAction, "$.Statement[0].NotAction[2]", "The pattern 's3:Nothing*' matches no action in the catalog."),
            ],
            result.Warnings.Select(w => (w.Code, w.Path, w.Message)));
    }

    [Fact]
    public void APatternWithAWildcardServiceThatMatchesNothingIsAnUnknownAction()
    {
        var result = Refine("""{ "Statement": [ { "Effect": "Allow", "Action": ["*:NoSuchActionAnywhere", "s3:PutObject"], "Resource": "*" } ] }""", [new UnusedServiceActions("s3", ["PutObject"])]);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(RefinementWarningCodes.UnknownAction, warning.Code);
        Assert.StartsWith("The pattern '*:NoSuchActionAnywhere'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNamesInTheFindingsAreWarnedAboutInWords()
    {
        var unused = UnusedActionSet.Create(Catalog, [new UnusedServiceActions("s3", ["GetObjekt", "Nothing*"]), new UnusedServiceActions("nosuchservice", ["DoThing"])]);

        Assert.Equal(
            [
                "The unused action 's3:GetObjekt' is not in the action catalog; a policy entry naming it exactly is still removed.",
                "The unused action pattern 's3:Nothing*' matches no action in the catalog.",
                "The service 'nosuchservice' is not in the action catalog; its actions are treated as unknown.",
            ],
            unused.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void ANotActionThatAlreadyExcludesAWhollyUnusedUnknownServiceIsUnchanged()
    {
        var result = Refine("""{ "Statement": [ { "Effect": "Allow", "NotAction": ["newservice:*", "iam:*"], "Resource": "*" } ] }""", [new UnusedServiceActions("newservice", null)]);

        Assert.Equal(StatementStatus.Unchanged, result.Changes[0].Status);
        Assert.Empty(result.Changes[0].Added);
    }

    [Fact]
    public void ACancelledRefinementStops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => new Refiner(Catalog).Refine(
            PolicyDocument.Parse("""{ "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }"""),
            UnusedActionSet.Create(Catalog, [new UnusedServiceActions("s3", ["GetObject"])]),
            cancellationToken: cancelled.Token));
    }

    [Fact]
    public void TheExplainedTrieLinksEveryNodeToItsParentOnceAndMarksWhatWasWritten()
    {
        // s3:GetObject is used but s3:GetObjectAcl is not, so GetObject has no safe node and is written in full.
        var result = Refine(
            """{ "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject*", "Resource": "*" } ] }""",
            [new UnusedServiceActions("s3", ["GetObjectAcl"])],
            new RefinementOptions(Explain: true));
        var replaced = Assert.Single(result.Changes[0].Replaced);
        var trie = replaced.Trie!.Split('\n');

        var nodes = trie.Select(line => NodeLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["id"].Value, m => (Label: m.Groups["label"].Value, Safe: m.Groups["class"].Value == "safe"));
        var prefixes = nodes.Values.Select(n => n.Label.Split(" ⇒ ")[0]).ToList();
        var edges = trie.Select(line => EdgeLine().Match(line)).Where(m => m.Success).Select(m => (From: m.Groups[1].Value, To: m.Groups[2].Value)).ToList();
        var emitted = trie.Select(line => EmittedLine().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal("flowchart LR", trie[0]);
        Assert.Equal(prefixes.Count, prefixes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(nodes.Count - 1, edges.Count);
        string Prefix(string id) => nodes[id].Label.Split(" ⇒ ")[0];
        Assert.All(edges, edge => Assert.StartsWith(Prefix(edge.From), Prefix(edge.To), StringComparison.OrdinalIgnoreCase));
        Assert.Equal("s3:", Prefix(nodes.Keys.Except(edges.Select(e => e.To)).Single()));
        Assert.Equal(nodes.Where(n => n.Value.Label.Contains('⇒', StringComparison.Ordinal)).Select(n => n.Key).ToHashSet(), emitted);
        Assert.Equal(replaced.With.Order(StringComparer.Ordinal), nodes.Values.Where(n => n.Label.Contains('⇒', StringComparison.Ordinal)).Select(n => n.Label.Split(" ⇒ ")[1]).Order(StringComparer.Ordinal));
        Assert.Contains(nodes.Values, n => n.Label == "s3:GetObject ⇒ s3:GetObject" && !n.Safe);
        Assert.Contains("  classDef safe fill:#d9f2d9,stroke:#2e7d32", trie);
        Assert.Contains("  classDef unsafe fill:#ffe0b2,stroke:#ef6c00", trie);
        Assert.Contains("  classDef emitted stroke-width:3px,font-weight:bold", trie);
    }

    [Fact]
    public void InCompactModeTheExplainedTrieShowsThePatternsTheCoverWrote()
    {
        // A third of EC2's actions unused: the cover writes suffix and infix patterns where the trie walked prefixes.
        var ec2 = Catalog.Services.Single(s => s.Prefix == "ec2");
        var unused = Enumerable.Range(ec2.FirstAction, ec2.ActionCount).Where(i => (i - ec2.FirstAction) % 3 == 1).Select(i => Catalog[i].Name).ToList();
        var result = Refine(
            """{ "Statement": [ { "Effect": "Allow", "Action": "ec2:*", "Resource": "*" } ] }""",
            [new UnusedServiceActions("ec2", unused)],
            new RefinementOptions(WildcardMode.Compact, Explain: true));
        var replaced = Assert.Single(result.Changes[0].Replaced);

        var shown = replaced.TrieNodes!.Where(n => n.Emitted is not null).SelectMany(n => n.Emitted!.Split(", ")).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(replaced.With.ToHashSet(StringComparer.Ordinal), shown);
        Assert.Contains(shown, pattern => pattern.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star < pattern.Length - 1);
        Assert.All(replaced.TrieNodes!.Where(n => n.Emitted is not null), n => Assert.Contains($"{n.Prefix} ⇒ {n.Emitted}", replaced.Trie, StringComparison.Ordinal));
    }

    [GeneratedRegex("""^  n(?<id>\d+)\["(?<label>[^"]*)"\]:::(?<class>safe|unsafe)$""")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^  n(\d+) --> n(\d+)$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"^  class n(\d+) emitted$")]
    private static partial Regex EmittedLine();
}
