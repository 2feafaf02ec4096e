using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>A recommendation over its kind's size limit comes with a split that fits.</summary>
public class SplitTests
{
    private const int Limit = 6_144;

    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static RefinementResult Refine(string policy, FitMode fit = FitMode.Warn) =>
        new Refiner(Catalog).Refine(
            PolicyDocument.Parse(policy),
            UnusedActionSet.Create(Catalog, [new UnusedServiceActions("ec2", null), new UnusedServiceActions("s3", ["GetObject", "PutObject"])]),
            new RefinementOptions(Fit: fit),
            TestContext.Current.CancellationToken);

    private static RefinementResult Refine(string policy, UnusedActionSet unused, WildcardMode mode = WildcardMode.Prefix) =>
        new Refiner(Catalog).Refine(PolicyDocument.Parse(policy), unused, new RefinementOptions(mode, Fit: FitMode.Split), TestContext.Current.CancellationToken);

    // The first action of each of the first 400 services, written as a JSON list: a NotAction list of some 12,000 characters.
    private static string FirstActionsOfServices() =>
        string.Join(",", Catalog.Services.Take(400).Select(s => $"\"{Catalog[s.FirstAction].FullName}\""));

    private static int Bound(RefinementResult result) => (result.Size.Characters + Limit - 1) / Limit + 1;

    private static void AssertTheOracleFindsNoFault(RefinementResult result, IReadOnlyCollection<string>? skipped = null)
    {
        var failures = SplitOracle.Shipped.Judge(
            JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!,
            [.. result.Split!.Select(p => JsonNode.Parse(p.Document.ToCompactJson())!)],
            Limit,
            skipped);
        Assert.Empty(failures);
    }

    [Fact]
    public void AStarWithAServiceUnusedIsSplitIntoPoliciesThatEachFit()
    {
        // "Action": "*" with EC2 and two S3 actions unused: thousands of characters against the 6,144 of a managed policy.
        var result = Refine("""{ "Version": "2012-10-17", "Statement": { "Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*" } }""");

        Assert.False(result.Size.WithinLimit);
        var parts = result.Split!;
        Assert.All(parts, p => Assert.True(p.WithinLimit && p.Characters <= Limit));
        Assert.InRange(parts.Count, 2, Bound(result));
        AssertTheOracleFindsNoFault(result);
        Assert.Contains(result.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
    }

    [Fact]
    public void WithFitSplitAFittingSplitIsNoWarning()
    {
        var result = Refine("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }""", FitMode.Split);

        Assert.NotNull(result.Split);
        Assert.DoesNotContain(result.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
    }

    [Fact]
    public void AStatementThatDoesNotFitInAPartsFreeRoomIsCutToFillIt()
    {
        // A first statement of about 4,000 characters leaves some 2,000 free in the first part; the second, of about 9,000, gives it what fits.
        var first = string.Join(",", Enumerable.Range(0, 140).Select(i => $"\"{Catalog[i].FullName}\""));
        var second = string.Join(",", Enumerable.Range(2_000, 330).Select(i => $"\"{Catalog[i].FullName}\""));
        var policy = $$"""{ "Version": "2012-10-17", "Statement": [ { "Sid": "First", "Effect": "Allow", "Action": [{{first}}], "Resource": "*" }, { "Sid": "Second", "Effect": "Allow", "Action": [{{second}}], "Resource": "*" } ] }""";

        var result = Refine(policy, UnusedActionSet.Create(Catalog, []));

        var parts = result.Split!;
        var firstPart = parts[0].Document.Statements;
        Assert.Equal(["First", "Second"], firstPart.Select(s => s.Sid));
        Assert.Equal(140, firstPart[0].Entries.Count);

        // Filled: none of the second statement's entries placed later would have fitted in the first part's free room.
        var free = Limit - parts[0].Characters;
        var later = parts.Skip(1).SelectMany(p => p.Document.Statements).SelectMany(s => s.Entries).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, entry => Assert.True(entry.Length + 3 > free, $"{entry} would have fitted in the {free} characters left in the first part"));
        Assert.All(parts, p => Assert.True(p.WithinLimit));
        Assert.InRange(parts.Count, 2, Bound(result));
        AssertTheOracleFindsNoFault(result);
    }

    [Fact]
    public void OnlyTheFirstCutOfAStatementKeepsItsSid()
    {
        var result = Refine("""{ "Version": "2012-10-17", "Statement": { "Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*" } }""");

        var statements = result.Split!.SelectMany(p => p.Document.Statements).ToList();
        Assert.True(statements.Count > 1);
        Assert.Equal("All", statements[0].Sid);
        Assert.All(statements.Skip(1), s => Assert.Null(s.Sid));
    }

    [Fact]
    public void AStarWithASidAConditionAndAThirdOfEachServiceUnusedSplitsWithinOneMorePartThanItsCharactersNeed()
    {
        // The shape of AWSMcpServiceActionsFullAccess: each cut repeats the statement's Condition, so a part must be filled to the brim.
        var policy = """{ "Version": "2012-10-17", "Statement": [ { "Sid": "AllowAllMCPServiceActions", "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:IsMcpServiceAction": "true" } } } ] }""";
        var unused = UnusedActionSet.Create(Catalog, [.. Catalog.Services.Select(s => new UnusedServiceActions(
            s.Prefix,
            [.. Enumerable.Range(s.FirstAction, s.ActionCount).Where(i => (i - s.FirstAction) % 3 == 1).Select(i => Catalog[i].Name)]))]);

        var result = Refine(policy, unused);

        Assert.All(result.Split!, p => Assert.True(p.WithinLimit));
        Assert.InRange(result.Split!.Count, 2, Bound(result));
        AssertTheOracleFindsNoFault(result);
    }

    [Theory]
    [InlineData(WildcardMode.Prefix)]
    [InlineData(WildcardMode.Compact)]
    [InlineData(WildcardMode.None)]
    public void AnAllowNotActionTooLargeForAPartIsSplitAsTheCatalogActionsItAllows(WildcardMode mode)
    {
        var notAction = """{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*" } ] }""";
        var unused = UnusedActionSet.Create(Catalog, [.. Catalog.Services.Take(400).Select(s => new UnusedServiceActions(s.Prefix, [Catalog[s.FirstAction].Name]))]);

        var result = Refine(notAction, unused, mode);

        Assert.True(result.RecommendedPolicy!.Statements[0].IsNotAction);
        var warning = Assert.Single(result.Warnings, w => w.Code == RefinementWarningCodes.NotActionWrittenAsAction);
        Assert.Equal("$.Statement[0].NotAction", warning.Path);
        Assert.Contains("AWS adds later", warning.Message, StringComparison.Ordinal);
        Assert.All(result.Split!, p => Assert.True(p.WithinLimit));
        Assert.All(result.Split!.SelectMany(p => p.Document.Statements), s => Assert.False(s.IsNotAction));
        AssertTheOracleFindsNoFault(result);
    }

    [Fact]
    public void ADenyNotActionTooLargeForAPartStaysWholeAndSaysWhyItCannotBeSplit()
    {
        var policy = $$"""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }, { "Effect": "Deny", "NotAction": [{{FirstActionsOfServices()}}], "Resource": "*" } ] }""";

        var result = Refine(policy, UnusedActionSet.Create(Catalog, []));

        var warning = Assert.Single(result.Warnings, w => w.Code == RefinementWarningCodes.DenyNotActionCannotBeSplit);
        Assert.Equal("$.Statement[1].NotAction", warning.Path);
        var over = Assert.Single(result.Split!, p => !p.WithinLimit);
        Assert.True(Assert.Single(over.Document.Statements).IsNotAction);
        Assert.Contains(result.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
        AssertTheOracleFindsNoFault(result);
    }

    [Fact]
    public void ASkippedNotActionTooLargeForAPartStaysWholeAndSaysWhy()
    {
        var policy = $$"""{ "Version": "2012-10-17", "Statement": [ { "Sid": "Kept", "Effect": "Allow", "NotAction": [{{FirstActionsOfServices()}}], "Resource": "*" } ] }""";
        var unused = UnusedActionSet.Create(Catalog, new UsageEvidence([new UnusedServiceActions("s3", ["GetObject"])]), new UnusedActionFilters(SkipStatements: ["Kept"]));

        var result = Refine(policy, unused);

        Assert.Equal("$.Statement[0].NotAction", Assert.Single(result.Warnings, w => w.Code == RefinementWarningCodes.SkippedStatementCannotBeSplit).Path);
        Assert.False(Assert.Single(result.Split!).WithinLimit);
        AssertTheOracleFindsNoFault(result, ["Kept"]);
    }

    [Fact]
    public void AnAllowNotActionTooLargeForAPartThatExcludesTheWholeCatalogStaysWholeAndSaysWhy()
    {
        var everyService = string.Join(", ", Catalog.Services.Select(s => $"\"{s.Prefix}:*\""));
        var policy = $$"""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "NotAction": [{{everyService}}], "Resource": "*" } ] }""";

        var result = Refine(policy, UnusedActionSet.Create(Catalog, []));

        var warning = Assert.Single(result.Warnings, w => w.Code == RefinementWarningCodes.NotActionAllowsNoCatalogAction);
        Assert.Equal("$.Statement[0].NotAction", warning.Path);
        Assert.DoesNotContain(result.Warnings, w => w.Code == RefinementWarningCodes.SkippedStatementCannotBeSplit);
        Assert.True(Assert.Single(Assert.Single(result.Split!, p => !p.WithinLimit).Document.Statements).IsNotAction);
        AssertTheOracleFindsNoFault(result);
    }

    [Fact]
    public void ASmallPolicyHasNoSplit() =>
        Assert.Null(Refine("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] }""").Split);
}
