using CsCheck;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>Compact mode writes <c>*</c> anywhere in an action's name where that saves characters, and never more characters than prefixes.</summary>
public class CompactWildcardTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static RefinementResult Refine(string policy, IEnumerable<UnusedServiceActions> unused, WildcardMode wildcards = WildcardMode.Compact) =>
        new Refiner(Catalog).Refine(PolicyDocument.Parse(policy), UnusedActionSet.Create(Catalog, unused), new RefinementOptions(wildcards), TestContext.Current.CancellationToken);

    [Fact]
    public void ActionsSharingAnEndingAreWrittenAsOneSuffixPattern()
    {
        // The example: the Link actions of OAM, which no prefix gathers.
        var links = Catalog.Match("oam:*Link").Select(a => a.Name).ToList();
        var others = Catalog.Match("oam:*").Select(a => a.Name).Except(links).ToList();
        Assert.True(links.Count > 2);

        var result = Refine("""{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "oam:*", "Resource": "*" } }""", [new("oam", others)]);

        var entry = Assert.Single(result.RecommendedPolicy!.Statements[0].Entries);
        Assert.StartsWith("oam:*", entry, StringComparison.Ordinal);
        Assert.Equal(links.Order(StringComparer.Ordinal), Catalog.Match(entry).Select(a => a.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnusedActionTheCatalogLacksIsNeverMatched()
    {
        // Every OAM action but the Link ones is unused, and so is a Link action the catalog does not know yet.
        var links = Catalog.Match("oam:*Link").Select(a => a.Name).ToList();
        var others = Catalog.Match("oam:*").Select(a => a.Name).Except(links).ToList();

        var result = Refine("""{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "oam:*", "Resource": "*" } }""", [new("oam", [.. others, "BrandNewLink"])]);

        var entries = result.RecommendedPolicy!.Statements[0].Entries;
        Assert.All(entries, e => Assert.False(ActionPattern.Parse(e).IsMatch("oam:BrandNewLink"), e));
        Assert.Equal(links.Order(StringComparer.Ordinal), entries.SelectMany(Catalog.Match).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CompactWildcardsAreNeverLongerThanPrefixes() =>
        PropertyRun.Check(
            Cases.Case,
            c =>
            {
                var unused = UnusedActionSet.Create(Catalog, [.. c.UnusedPermissions.Concat(c.FindingDetails.Select(d => d!["unusedPermissionDetails"])).Select(ToEngine)]);
                var document = PolicyDocument.Parse(c.Policy.ToJsonString());
                var prefix = new Refiner(Catalog).Refine(document, unused, new RefinementOptions(WildcardMode.Prefix));
                var compact = new Refiner(Catalog).Refine(document, unused, new RefinementOptions(WildcardMode.Compact));

                Assert.True(compact.Size.Characters <= prefix.Size.Characters, $"compact {compact.Size.Characters}, prefix {prefix.Size.Characters}: {compact.RecommendedPolicy?.ToCompactJson()}");
            },
            c => c.ToString(),
            iterations: 100);

    private static UnusedServiceActions ToEngine(System.Text.Json.Nodes.JsonNode? permission) => new(
        permission!["serviceNamespace"]!.GetValue<string>(),
        permission["actions"] is System.Text.Json.Nodes.JsonArray actions ? [.. actions.Select(a => (a is System.Text.Json.Nodes.JsonObject o ? o["action"] : a)!.GetValue<string>())] : null);
}
