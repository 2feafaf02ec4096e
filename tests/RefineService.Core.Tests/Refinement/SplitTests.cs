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
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static RefinementResult Refine(string policy, FitMode fit = FitMode.Warn) =>
        new Refiner(Catalog).Refine(
            PolicyDocument.Parse(policy),
            UnusedActionSet.Create(Catalog, [new UnusedServiceActions("ec2", null), new UnusedServiceActions("s3", ["GetObject", "PutObject"])]),
            new RefinementOptions(Fit: fit),
            TestContext.Current.CancellationToken);

    [Fact]
    public void AStarWithAServiceUnusedIsSplitIntoPoliciesThatEachFit()
    {
        // "Action": "*" with EC2 and two S3 actions unused: thousands of characters against the 6,144 of a managed policy.
        var result = Refine("""{ "Version": "2012-10-17", "Statement": { "Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*" } }""");

        Assert.False(result.Size.WithinLimit);
        var parts = result.Split!;
        Assert.All(parts, p => Assert.True(p.WithinLimit && p.Characters <= 6_144));
        Assert.InRange(parts.Count, 2, (result.Size.Characters + 6_143) / 6_144 + 1);
        var failures = SplitOracle.Shipped.Judge(JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!, [.. parts.Select(p => JsonNode.Parse(p.Document.ToCompactJson())!)], 6_144);
        Assert.Empty(failures);
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
    public void AStatementThatCannotBeCutStaysWholeAndItsPartSaysItDoesNotFit()
    {
        var notAction = """{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*" } ] }""";
        var result = new Refiner(Catalog).Refine(
            PolicyDocument.Parse(notAction),
            UnusedActionSet.Create(Catalog, [.. Catalog.Services.Take(400).Select(s => new UnusedServiceActions(s.Prefix, [Catalog[s.FirstAction].Name]))]),
            new RefinementOptions(Fit: FitMode.Split),
            TestContext.Current.CancellationToken);

        Assert.False(result.Size.WithinLimit);
        var part = Assert.Single(result.Split!);
        Assert.False(part.WithinLimit);
        Assert.Contains(result.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
    }

    [Fact]
    public void ASmallPolicyHasNoSplit() =>
        Assert.Null(Refine("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] }""").Split);
}
