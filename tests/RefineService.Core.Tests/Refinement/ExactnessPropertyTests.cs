using System.Text.Json.Nodes;
using CsCheck;
using RefineService.Core.Catalog;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;
using RefineService.Core.Policies;

namespace RefineService.Core.Tests.Refinement;

/// <summary>
/// The guarantee of the seed article, checked by brute force over the whole catalog against an oracle that shares no
/// code with the engine (<c>tests/RefineService.Oracle</c>): the recommended policy allows an action if and only if the
/// original allowed it and it is not unused; its counts are the documents' own; and every entry it writes is least general.
/// </summary>
public class ExactnessPropertyTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    [Fact]
    public void TheRecommendationAllowsExactlyWhatWasAllowedAndIsNotUnused() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.Prefix, explain: false), c => c.ToString(), iterations: 300);

    [Fact]
    public void WithoutNewWildcardsTheRecommendationIsStillExact() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.None, explain: false), c => c.ToString(), iterations: 150);

    [Fact]
    public void ExplainingTheTrieChangesNothingTheRecommendationAllows() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.Prefix, explain: true), c => c.ToString(), iterations: 60);

    [Fact]
    public void ExplainingTheCompactCoverChangesNothingTheRecommendationAllows() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.Compact, explain: true), c => c.ToString(), iterations: 30);

    [Fact]
    public void CompactWildcardsAllowExactlyWhatPrefixesAllow() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.Compact, explain: false), c => c.ToString(), iterations: 150);

    [Fact]
    public void DroppingTheOriginalsRedundantEntriesChangesNothingAllowed() =>
        PropertyRun.Check(Cases.Case, c => _ = Check(c, WildcardMode.Prefix, explain: false, compact: true), c => c.ToString(), iterations: 150);

    [Fact]
    public void ANotActionWrittenForAStatementThatAllowedEverythingAllowsExactlyTheSame()
    {
        var written = 0;

        PropertyRun.Check(
            Cases.EveryActionCase,
            c =>
            {
                if (Check(c, WildcardMode.Prefix, explain: false, fit: FitMode.NotAction).Changes.Any(change => change.WrittenAsNotAction))
                {
                    Interlocked.Increment(ref written);
                }
            },
            c => c.ToString(),
            iterations: 100);

        // The cases must reach the rewriting, or the property says nothing of it.
        Assert.True(written >= 20, $"only {written} of the cases wrote a NotAction");
    }

    [Fact]
    public void ANotActionInEveryWildcardModeAllowsExactlyTheSame() =>
        PropertyRun.Check(
            Gen.Select(Cases.EveryActionCase, Gen.Int[0, 2]),
            ((PolicyCase Case, int Mode) c) => _ = Check(c.Case, (WildcardMode)c.Mode, explain: false, fit: FitMode.NotAction),
            c => $"{(WildcardMode)c.Item2}\n{c.Item1}",
            iterations: 60);

    [Fact]
    public void ASplitAllowsExactlyWhatTheRecommendationAllowsEachPartWithinTheLimit()
    {
        var rewritten = 0;

        PropertyRun.Check(
            Gen.Select(Cases.Case, Gen.Int[150, 2_048], Gen.Int[0, 2]),
            ((PolicyCase Case, int Limit, int Mode) c) =>
            {
                if (CheckSplit(c.Case, c.Limit, (WildcardMode)c.Mode))
                {
                    Interlocked.Increment(ref rewritten);
                }
            },
            c => $"limit {c.Item2}, {(WildcardMode)c.Item3}\n{c.Item1}",
            iterations: 200);

        // The cases must reach the rewriting of a NotAction list too large for a part, or the property says nothing of it.
        Assert.True(rewritten >= 10, $"only {rewritten} of the cases wrote a NotAction list as an Action list");
    }

    [Fact]
    public void TheOracleSeesTheSameCatalogAsTheEngine()
    {
        var oracle = OracleCatalog.Shipped;

        Assert.Equal(oracle.Count, Catalog.Count);
        Assert.All(Enumerable.Range(0, Catalog.Count), i => Assert.Equal(oracle.Spelled[oracle.IndexOf(Catalog[i].FullName)], Catalog[i].FullName));
    }

    private static RefinementResult Check(PolicyCase c, WildcardMode mode, bool explain, bool compact = false, FitMode fit = FitMode.Warn)
    {
        var permissions = new JsonArray([.. c.UnusedPermissions.Select(p => p!.DeepClone()), .. c.FindingDetails.Select(d => d!["unusedPermissionDetails"]!.DeepClone())]);
        var request = c.WithActivityAndFilters(new JsonObject { ["unusedPermissions"] = permissions });
        var unused = UnusedActionSet.Create(Catalog, Evidence(request), Filters(request["options"]));
        var document = PolicyDocument.Parse(c.Policy.ToJsonString());
        var refiner = new Refiner(Catalog);
        var result = refiner.Refine(document, unused, new RefinementOptions(mode, explain, Compact: compact, Fit: fit));

        var failures = RecommendationOracle.Shipped.Judge(c.Policy, Oracle.UnusedActions.FromRequest(OracleCatalog.Shipped, request), ToAnswer(result), mode != WildcardMode.None, compact, mode == WildcardMode.Compact, fit == FitMode.NotAction);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f.Length > 600 ? f[..600] + " ..." : f)) + "\nrecommended: " + result.RecommendedPolicy?.ToCompactJson());

        // Counting what a refinement removes, without refining, gives the refinement's own count (which the oracle just judged).
        Assert.Equal(result.Summary.AllowedActionsBefore - result.Summary.AllowedActionsAfter, refiner.CountRemoved(document, unused));
        return result;
    }

    // Whether a NotAction list was written as an Action list for the split.
    private static bool CheckSplit(PolicyCase c, int limit, WildcardMode mode)
    {
        var permissions = new JsonArray([.. c.UnusedPermissions.Select(p => p!.DeepClone()), .. c.FindingDetails.Select(d => d!["unusedPermissionDetails"]!.DeepClone())]);
        var unused = UnusedActionSet.Create(Catalog, [.. permissions.Select(ToEngine)]);
        var options = new RefinementOptions(mode);
        var refiner = new Refiner(Catalog);
        var recommended = refiner.Refine(PolicyDocument.Parse(c.Policy.ToJsonString()), unused, options).RecommendedPolicy;
        if (recommended is null || SplitOracle.Size(JsonNode.Parse(recommended.ToCompactJson())!) <= limit)
        {
            return false;
        }

        var split = refiner.Split(recommended, limit, options, _ => false, inArray: true, CancellationToken.None);
        var parts = split.Parts;

        var failures = SplitOracle.Shipped.Judge(JsonNode.Parse(recommended.ToCompactJson())!, [.. parts.Select(p => JsonNode.Parse(p.Document.ToCompactJson())!)], limit);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nrecommended: " + recommended.ToCompactJson());
        Assert.All(parts, p => Assert.Equal(SplitOracle.Size(JsonNode.Parse(p.Document.ToCompactJson())!), p.Characters));
        return split.Warnings.Any(w => w.Code == RefinementWarningCodes.NotActionWrittenAsAction);
    }

    // The request's inputs as the engine takes them: a name given as a string or as Access Analyzer's { "action": name, "lastAccessed" }.
    private static UsageEvidence Evidence(JsonObject request) => new(
        [.. request["unusedPermissions"]!.AsArray().Select(ToEngine)],
        request["usedActions"]?.AsArray().Select(u => u is JsonObject o
            ? new UsedAction(o["action"]!.GetValue<string>(), Instant(o["lastAccessed"]))
            : new UsedAction(u!.GetValue<string>())).ToList(),
        request["lastAccessedDetails"] is JsonObject report
            ? new LastAccessedReport(
                report["JobType"]!.GetValue<string>() == "ACTION_LEVEL",
                [.. report["ServicesLastAccessed"]!.AsArray().Select(s => new ReportedService(
                    s!["ServiceNamespace"]!.GetValue<string>(),
                    Instant(s["LastAuthenticated"]),
                    s["TrackedActionsLastAccessed"]?.AsArray().Select(t => new TrackedAction(t!["ActionName"]!.GetValue<string>(), Instant(t["LastAccessedTime"]))).ToList()))])
            : null);

    private static UnusedActionFilters Filters(JsonNode? options) => options is null ? UnusedActionFilters.None : new(
        options["unusedForDays"]?.GetValue<int>(),
        Instant(options["asOf"]),
        options["keep"]?.AsArray().Select(k => k!.GetValue<string>()).ToList(),
        options["accessLevels"]?.AsArray().Select(l => AccessLevelNames.TryParse(l!.GetValue<string>(), out var level) ? level : throw new ArgumentException(l.ToJsonString())).ToHashSet(),
        options["skipStatements"]?.AsArray().Select(s => s!.GetValue<string>()).ToList());

    private static UnusedServiceActions ToEngine(JsonNode? permission) => new(
        permission!["serviceNamespace"]!.GetValue<string>(),
        permission["actions"] is JsonArray actions ? [.. actions.Select(a => (a is JsonObject o ? o["action"] : a)!.GetValue<string>())] : null)
    {
        LastAccessed = Instant(permission["lastAccessed"]),
        ActionsLastAccessed = permission["actions"] is JsonArray dated ? [.. dated.Select(a => a is JsonObject o ? Instant(o["lastAccessed"]) : null)] : null,
    };

    // The forms the case generators write: ISO 8601, Python's form, epoch seconds.
    private static DateTimeOffset? Instant(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => DateTimeOffset.FromUnixTimeSeconds(long.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
        _ => DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
    };

    private static Answer ToAnswer(RefinementResult result) => new(
        result.RecommendedPolicy is null ? null : JsonNode.Parse(result.RecommendedPolicy.ToCompactJson()),
        [.. result.Changes.Select(c => new ChangeRecord(
            c.Index,
            c.Status.ToString().ToLowerInvariant(),
            c.Removed,
            c.Added,
            [.. c.Replaced.Select(r => new Replaced(r.Entry, r.With))])
        {
            Redundant = [.. c.Redundant.Select(r => new Redundant(r.Entry, r.CoveredBy))],
            WrittenAsNotAction = c.WrittenAsNotAction,
        })],
        new Counts(
            result.Summary.AllowedActionsBefore,
            result.Summary.AllowedActionsAfter,
            result.Summary.RemovedByAccessLevel.ToDictionary(p => p.Key.ToDisplayName(), p => p.Value)));
}
