using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>The inputs beside findings (activity data) and the filters that spare unused actions, one behaviour each.</summary>
public class UnusedActionFilterTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;
    private static readonly OracleCatalog Names = OracleCatalog.Shipped;
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> Matching(string pattern) => Names.Spelled.Where(name => Glob.IsMatch(pattern, name));

    private static string Policy(params string[] statements) =>
        $$"""{ "Version": "2012-10-17", "Statement": [ {{string.Join(",", statements)}} ] }""";

    private static string Allow(string actions, string? sid = null, string key = "Action") =>
        $$"""{ {{(sid is null ? "" : $"\"Sid\": \"{sid}\", ")}}"Effect": "Allow", "{{key}}": {{actions}}, "Resource": "*" }""";

    private static RefinementResult Refine(string policy, UsageEvidence evidence, UnusedActionFilters? filters = null, bool explain = false) =>
        new Refiner(Catalog).Refine(PolicyDocument.Parse(policy), UnusedActionSet.Create(Catalog, evidence, filters ?? UnusedActionFilters.None), new RefinementOptions(Explain: explain));

    private static UsageEvidence Findings(params UnusedServiceActions[] findings) => new(findings);

    private static string[] Entries(RefinementResult result, int statement)
    {
        var value = JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!["Statement"]![statement]!["Action"];
        return value is JsonArray array ? [.. array.Select(e => e!.GetValue<string>())] : [value!.GetValue<string>()];
    }

    private static bool Allows(RefinementResult result, string action) =>
        result.RecommendedPolicy is { } document && RefineService.Oracle.Policy.Read(JsonNode.Parse(document.ToCompactJson())).Allows(action);

    [Fact]
    public void AFindingsActionUsedWithinTheThresholdIsSparedAndCounted()
    {
        var finding = new UnusedServiceActions("s3", ["GetObject", "PutObject"]) { ActionsLastAccessed = [AsOf.AddDays(-10), AsOf.AddDays(-200)] };

        var result = Refine(Policy(Allow("""["s3:GetObject", "s3:PutObject"]""")), Findings(finding), new UnusedActionFilters(UnusedForDays: 90, AsOf: AsOf));

        Assert.Equal(["s3:GetObject"], Entries(result, 0));
        Assert.Equal(1, result.Account.SparedBy[SpareReason.UnusedForDays]);
        Assert.Equal(1, result.Account.RemovedBy[UnusedActionSource.Findings]);
    }

    [Fact]
    public void WithoutAThresholdAFindingsDateDoesNotSpare()
    {
        var finding = new UnusedServiceActions("s3", ["GetObject"]) { ActionsLastAccessed = [AsOf.AddDays(-1)] };

        var result = Refine(Policy(Allow("""["s3:GetObject", "s3:PutObject"]""")), Findings(finding));

        Assert.Equal(["s3:PutObject"], Entries(result, 0));
    }

    [Fact]
    public void AWholeServiceLastUsedWithinTheThresholdIsSpared()
    {
        var finding = new UnusedServiceActions("sqs", null) { LastAccessed = AsOf.AddDays(-29) };

        var result = Refine(Policy(Allow("\"sqs:*\"")), Findings(finding), new UnusedActionFilters(UnusedForDays: 30, AsOf: AsOf));

        Assert.Equal(StatementStatus.Unchanged, result.Changes[0].Status);
        Assert.Equal(Matching("sqs:*").Count(), result.Account.SparedBy[SpareReason.UnusedForDays]);
    }

    [Fact]
    public void AThresholdWithoutAnInstantToCountBackFromIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => UnusedActionSet.Create(Catalog, Findings(), new UnusedActionFilters(UnusedForDays: 30)));

    [Fact]
    public void AWildcardCoveringAKeptActionIsRefinedAsIfThatActionWereUsed()
    {
        var result = Refine(Policy(Allow("\"kms:*\"")), Findings(new UnusedServiceActions("kms", null)), new UnusedActionFilters(Keep: ["kms:Decrypt"]));

        Assert.Equal(["kms:Decrypt"], Entries(result, 0));
        Assert.Equal(1, result.Account.SparedBy[SpareReason.Keep]);
        Assert.Equal(Matching("kms:*").Count() - 1, result.Account.RemovedBy[UnusedActionSource.Findings]);
    }

    [Fact]
    public void AKeepPatternWithAWildcardServiceSparesEveryServicesMatches()
    {
        var result = Refine(Policy(Allow("""["ec2:*", "s3:*"]""")), Findings(new UnusedServiceActions("ec2", null), new UnusedServiceActions("s3", null)),
            new UnusedActionFilters(Keep: ["*:Describe*"]));

        var expected = Matching("ec2:Describe*").Concat(Matching("s3:Describe*")).ToHashSet(StringComparer.Ordinal);
        Assert.All(Matching("ec2:*").Concat(Matching("s3:*")), action => Assert.Equal(expected.Contains(action), Allows(result, action)));
    }

    [Fact]
    public void AKeepPatternSparesAnUnusedNameTheCatalogLacks()
    {
        var result = Refine(Policy(Allow("""["s3:BrandNewAction", "s3:PutObject"]""")), Findings(new UnusedServiceActions("s3", ["BrandNewAction", "PutObject"])),
            new UnusedActionFilters(Keep: ["s3:Brand*"]));

        Assert.Equal(["s3:BrandNewAction"], Entries(result, 0));
    }

    [Fact]
    public void OnlyUnusedActionsOfTheChosenAccessLevelsAreRemoved()
    {
        var result = Refine(Policy(Allow("\"sqs:*\"")), Findings(new UnusedServiceActions("sqs", null)),
            new UnusedActionFilters(AccessLevels: new HashSet<AccessLevel> { AccessLevel.Write, AccessLevel.PermissionsManagement }));

        var sqs = Enumerable.Range(0, Names.Count).Where(i => Names.Names[i].StartsWith("sqs:", StringComparison.Ordinal)).ToList();
        Assert.All(sqs, i => Assert.Equal(Names.AccessLevels[i] is not ("Write" or "Permissions management"), Allows(result, Names.Spelled[i])));
        Assert.Equal(sqs.Count(i => Names.AccessLevels[i] is not ("Write" or "Permissions management")), result.Account.SparedBy[SpareReason.AccessLevels]);
    }

    [Fact]
    public void WithAccessLevelsAnUnusedNameTheCatalogLacksIsNotRemoved()
    {
        var result = Refine(Policy(Allow("""["s3:BrandNewAction"]""")), Findings(new UnusedServiceActions("s3", ["BrandNewAction"])),
            new UnusedActionFilters(AccessLevels: new HashSet<AccessLevel> { AccessLevel.Write }));

        Assert.Equal(StatementStatus.Unchanged, result.Changes[0].Status);
    }

    [Fact]
    public void ASkippedStatementIsCopiedUnchangedAndTheOthersAreRefined()
    {
        var policy = Policy(Allow("\"s3:PutObject\"", sid: "BreakGlass"), Allow("""["s3:PutObject", "s3:GetObject"]"""));

        var result = Refine(policy, Findings(new UnusedServiceActions("s3", ["PutObject"])), new UnusedActionFilters(SkipStatements: ["BreakGlass"]));

        Assert.Equal([StatementStatus.Skipped, StatementStatus.Modified], result.Changes.Select(c => c.Status));
        Assert.Equal(["s3:PutObject"], Entries(result, 0));
        Assert.Equal(["s3:GetObject"], Entries(result, 1));
        Assert.Equal(1, result.Account.SparedBy[SpareReason.SkipStatements]);
        Assert.Equal(result.Summary.AllowedActionsBefore, result.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void WithUsedActionsEveryAllowedActionNotUsedIsRemoved()
    {
        var result = Refine(Policy(Allow("\"sqs:*\"")), new UsageEvidence([], [new UsedAction("sqs:SendMessage"), new UsedAction("SQS:receive*")]));

        var expected = Matching("sqs:SendMessage").Concat(Matching("sqs:Receive*")).ToHashSet(StringComparer.Ordinal);
        Assert.All(Matching("sqs:*"), action => Assert.Equal(expected.Contains(action), Allows(result, action)));
        Assert.Equal(Matching("sqs:*").Count() - expected.Count, result.Account.RemovedBy[UnusedActionSource.UsedActions]);
    }

    [Fact]
    public void AUseOlderThanTheThresholdLeavesTheActionUnused()
    {
        var used = new UsageEvidence([], [new UsedAction("sqs:SendMessage", AsOf.AddDays(-100)), new UsedAction("sqs:ReceiveMessage", AsOf.AddDays(-5))]);

        var result = Refine(Policy(Allow("""["sqs:SendMessage", "sqs:ReceiveMessage"]""")), used, new UnusedActionFilters(UnusedForDays: 90, AsOf: AsOf));

        Assert.Equal(["sqs:ReceiveMessage"], Entries(result, 0));
    }

    [Fact]
    public void AUsedActionTheCatalogLacksIsAWarningAtItsPath()
    {
        var set = UnusedActionSet.Create(Catalog, new UsageEvidence([], [new UsedAction("s3:BrandNew") { Path = "$.usedActions[0]" }, new UsedAction("nosuchservice:Get")]), UnusedActionFilters.None);

        Assert.Equal([("UnknownAction", "$.usedActions[0]"), ("UnknownService", "$[1]")], set.Warnings.Select(w => (w.Code, w.Path)));
    }

    [Fact]
    public void ARemovalReportedByTwoInputsIsTracedToBoth()
    {
        var evidence = new UsageEvidence([new UnusedServiceActions("s3", ["PutObject"])], [new UsedAction("s3:GetObject")]);

        var result = Refine(Policy(Allow("""["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]""")), evidence, explain: true);

        Assert.Equal(["s3:GetObject"], Entries(result, 0));
        var put = Assert.Single(result.Account.Traces, t => t.Action == "s3:PutObject");
        Assert.Equal(UnusedActionSource.Findings | UnusedActionSource.UsedActions, put.ReportedBy);
        Assert.Equal(UnusedActionSource.UsedActions, Assert.Single(result.Account.Traces, t => t.Action == "s3:DeleteObject").ReportedBy);
    }

    [Fact]
    public void ExplainTracesEachSparedActionToItsFilter()
    {
        var result = Refine(Policy(Allow("\"kms:*\"")), Findings(new UnusedServiceActions("kms", null)), new UnusedActionFilters(Keep: ["kms:Decrypt"]), explain: true);

        var decrypt = Assert.Single(result.Account.Traces, t => t.Action == "kms:Decrypt");
        Assert.Equal((false, SpareReason.Keep, "kms:Decrypt"), (decrypt.Removed, decrypt.SparedBy, decrypt.KeptBy));
        Assert.Equal(Matching("kms:*").Count(), result.Account.Traces.Count);
    }

    [Fact]
    public void WithoutExplainThereAreCountsButNoTraces()
    {
        var result = Refine(Policy(Allow("\"kms:*\"")), Findings(new UnusedServiceActions("kms", null)));

        Assert.Empty(result.Account.Traces);
        Assert.Equal(Matching("kms:*").Count(), result.Account.RemovedBy[UnusedActionSource.Findings]);
    }

    [Fact]
    public void AServiceNeverAuthenticatedInTheReportIsUnusedAsAWhole()
    {
        var report = new LastAccessedReport(ActionLevel: true, [new ReportedService("sqs", null, null)]);

        var result = Refine(Policy(Allow("""["sqs:*", "s3:GetObject"]""")), new UsageEvidence([], LastAccessed: report));

        Assert.Equal(["s3:GetObject"], Entries(result, 0));
    }

    [Fact]
    public void ATrackedActionNeverAccessedIsUnusedAndUntrackedActionsAreLeftAlone()
    {
        var tracked = new TrackedAction[] { new("GetObject", AsOf.AddDays(-3)), new("PutObject", null), new("s3:DeleteObject", null) };
        var report = new LastAccessedReport(ActionLevel: true, [new ReportedService("s3", AsOf.AddDays(-3), tracked)]);
        var set = UnusedActionSet.Create(Catalog, new UsageEvidence([], LastAccessed: report), UnusedActionFilters.None);

        var result = new Refiner(Catalog).Refine(PolicyDocument.Parse(Policy(Allow("""["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]"""))), set, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["s3:GetObject", "s3:ListBucket"], Entries(result, 0));
        var s3 = Assert.Single(set.Services);
        Assert.Equal((ServiceConclusion.ActionLevel, 3, 2, Matching("s3:*").Count() - 3), (s3.Conclusion, s3.TrackedActions, s3.UnusedActions, s3.UntoldActions));
    }

    [Fact]
    public void AUsedServiceWithoutActionTrackingIsLeftAlone()
    {
        var report = new LastAccessedReport(ActionLevel: true, [new ReportedService("sqs", AsOf.AddDays(-400), null)]);
        var set = UnusedActionSet.Create(Catalog, new UsageEvidence([], LastAccessed: report), UnusedActionFilters.None);

        Assert.Equal(0, set.CatalogActionCount);
        Assert.Equal(ServiceConclusion.ServiceLevelOnly, Assert.Single(set.Services).Conclusion);
    }

    [Fact]
    public void AServiceLastAuthenticatedBeforeTheThresholdIsUnusedAsAWhole()
    {
        var report = new LastAccessedReport(ActionLevel: true, [new ReportedService("sqs", AsOf.AddDays(-400), null)]);
        var set = UnusedActionSet.Create(Catalog, new UsageEvidence([], LastAccessed: report), new UnusedActionFilters(UnusedForDays: 90, AsOf: AsOf));

        Assert.Equal(Matching("sqs:*").Count(), set.CatalogActionCount);
        Assert.Equal(ServiceConclusion.NotAuthenticatedWithinThreshold, Assert.Single(set.Services).Conclusion);
    }

    [Fact]
    public void AServiceLevelReportReadsNoTrackedActions()
    {
        var tracked = new TrackedAction[] { new("PutObject", null) };
        var report = new LastAccessedReport(ActionLevel: false, [new ReportedService("s3", AsOf.AddDays(-3), tracked)]);

        var set = UnusedActionSet.Create(Catalog, new UsageEvidence([], LastAccessed: report), UnusedActionFilters.None);

        Assert.Equal(0, set.CatalogActionCount);
        Assert.Equal(ServiceConclusion.ServiceLevelOnly, Assert.Single(set.Services).Conclusion);
    }

    [Fact]
    public void AnInputThatReportsAnActionUnusedWinsOverAnotherDatingItWithinTheThreshold()
    {
        var evidence = new UsageEvidence(
            [new UnusedServiceActions("s3", ["PutObject"]) { ActionsLastAccessed = [AsOf.AddDays(-1)] }],
            LastAccessed: new LastAccessedReport(true, [new ReportedService("s3", AsOf.AddDays(-1), [new("PutObject", null)])]));

        var result = Refine(Policy(Allow("""["s3:PutObject", "s3:GetObject"]""")), evidence, new UnusedActionFilters(UnusedForDays: 30, AsOf: AsOf), explain: true);

        Assert.Equal(["s3:GetObject"], Entries(result, 0));
        Assert.Equal(UnusedActionSource.LastAccessedDetails, Assert.Single(result.Account.Traces).ReportedBy);
    }
}
