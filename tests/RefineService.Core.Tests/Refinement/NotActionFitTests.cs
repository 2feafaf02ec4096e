using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;

namespace RefineService.Core.Tests.Refinement;

/// <summary>With <c>fit: notAction</c>, a statement that allowed every action is written as the NotAction of its unused actions where that is shorter.</summary>
public class NotActionFitTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private const string Everything = """{ "Version": "2012-10-17", "Statement": { "Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } } }""";

    // The example: EC2 and two S3 actions unused.
    private static readonly UnusedServiceActions[] Ec2AndTwoS3Actions = [new("ec2", null), new("s3", ["GetObject", "PutObject"])];

    private static RefinementResult Refine(string policy, IEnumerable<UnusedServiceActions> unused, FitMode fit = FitMode.NotAction, WildcardMode wildcards = WildcardMode.Prefix) =>
        new Refiner(Catalog).Refine(
            PolicyDocument.Parse(policy),
            UnusedActionSet.Create(Catalog, unused),
            new RefinementOptions(wildcards, Fit: fit),
            TestContext.Current.CancellationToken);

    private static JsonObject Statement(RefinementResult result) => JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!["Statement"]!.AsObject();

    [Fact]
    public void AStarWithAServiceAndTwoActionsUnusedBecomesTheirNotActionWithinTheLimit()
    {
        var result = Refine(Everything, Ec2AndTwoS3Actions);

        var statement = Statement(result);
        Assert.Null(statement["Action"]);
        Assert.Equal(["ec2:*", "s3:GetObject", "s3:PutObject"], statement["NotAction"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(result.Size.WithinLimit);
        Assert.Null(result.Split);
        var change = Assert.Single(result.Changes);
        Assert.True(change.WrittenAsNotAction);
        Assert.Equal(["*"], change.Removed);
        Assert.Equal(["ec2:*", "s3:GetObject", "s3:PutObject"], change.Added);
        Assert.Empty(change.Replaced);
    }

    [Fact]
    public void TheNotActionKeepsTheStatementsOtherMembersInTheirOrder()
    {
        var result = Refine(Everything, Ec2AndTwoS3Actions);

        Assert.Equal(["Sid", "Effect", "NotAction", "Resource", "Condition"], Statement(result).Select(p => p.Key));
        Assert.Equal("true", Statement(result)["Condition"]!["Bool"]!["aws:SecureTransport"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutFitNotActionTheStarIsReplacedByAnActionList()
    {
        var result = Refine(Everything, Ec2AndTwoS3Actions, FitMode.Warn);

        Assert.NotNull(Statement(result)["Action"]);
        Assert.False(result.Changes[0].WrittenAsNotAction);
        Assert.False(result.Size.WithinLimit);
    }

    [Fact]
    public void TheNotActionAllowsTheSameCatalogActionsAsTheActionList()
    {
        var asAction = Refine(Everything, Ec2AndTwoS3Actions, FitMode.Warn);
        var asNotAction = Refine(Everything, Ec2AndTwoS3Actions);

        Assert.Equal(asAction.Summary.AllowedActionsAfter, asNotAction.Summary.AllowedActionsAfter);
        Assert.Equal(Catalog.Count - Catalog.Match("ec2:*").Count - 2, asNotAction.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void WhereTheActionListIsShorterItStays()
    {
        // Every service unused but S3: "s3:*" is shorter than a NotAction naming every other service.
        var unused = Catalog.Services.Where(s => s.Prefix != "s3").Select(s => new UnusedServiceActions(s.Prefix, null));

        var result = Refine(Everything, unused);

        Assert.Equal("s3:*", Statement(result)["Action"]!.GetValue<string>());
        Assert.False(result.Changes[0].WrittenAsNotAction);
    }

    [Fact]
    public void AStatementThatDidNotAllowEveryActionKeepsItsActionList()
    {
        // A NotAction allows services AWS adds later, which "ec2:*" and "s3:*" did not: not equivalent, so never written.
        var policy = """{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": ["ec2:*", "s3:*"], "Resource": "*" } }""";

        var result = Refine(policy, [new("ec2", null), new("s3", ["GetObject"])]);

        Assert.NotNull(Statement(result)["Action"]);
        Assert.False(result.Changes[0].WrittenAsNotAction);
    }

    [Fact]
    public void UnusedActionsAndServicesTheCatalogLacksAreExcludedByName()
    {
        var result = Refine(Everything, [new("s3", ["GetObject", "BrandNewAction"]), new("newservice", null)]);

        Assert.Equal(["s3:GetObject", "s3:brandnewaction", "newservice:*"], Statement(result)["NotAction"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public void AnActionTheStatementNamesThatTheCatalogLacksIsNotExcluded()
    {
        // "s3:GetObjectBrandNew" is allowed and nobody reported it: a NotAction entry "s3:GetObject*" would take it away.
        var policy = """{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": ["*", "s3:GetObjectBrandNew"], "Resource": "*" } }""";
        var unused = Catalog.Match("s3:GetObject*").Select(a => a.Name).ToList();

        var result = Refine(policy, [new("s3", unused)]);

        var notAction = Statement(result)["NotAction"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.DoesNotContain("s3:GetObject*", notAction);
        Assert.All(notAction, e => Assert.False(ActionPattern.Parse(e).IsMatch("s3:GetObjectBrandNew"), e));
        Assert.Equal(unused.Order(StringComparer.Ordinal), notAction.SelectMany(Catalog.Match).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OverTheLimitTheNotActionFitWarnsAndGivesTheSplitAsWarnDoes()
    {
        // A third of S3's actions unused, one by one: the NotAction is long, but shorter than every other action listed.
        var unused = Catalog.Match("s3:*").Where((_, i) => i % 3 == 0).Select(a => a.Name).ToList();
        var result = Refine(Everything, [new("s3", unused), new("ec2", [.. Catalog.Match("ec2:*").Where((_, i) => i % 3 == 0).Select(a => a.Name)])]);

        Assert.True(result.Changes[0].WrittenAsNotAction);
        Assert.False(result.Size.WithinLimit);
        Assert.Contains(result.Warnings, w => w.Code == RefinementWarningCodes.PolicySizeExceeded);
    }
}
