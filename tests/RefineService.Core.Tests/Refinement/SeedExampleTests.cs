using System.Text.Json.Nodes;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;

namespace RefineService.Core.Tests.Refinement;

public class SeedExampleTests
{
    private static JsonArray Actions(RefinementResult result, int statement) =>
        JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!["Statement"]![statement]!["Action"]!.AsArray();

    private static RefinementResult RefineSeed(Core.Catalog.ActionCatalog catalog) =>
        new Refiner(catalog).Refine(SeedExample.Policy, UnusedActionSet.Create(catalog, SeedExample.Unused));

    [Fact]
    public void TheLambdaStatementKeepsOnlyInvokeStar()
    {
        var result = RefineSeed(ShippedCatalog.Instance);

        Assert.Equal(["lambda:Invoke*"], Actions(result, 0).Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void WithTheShippedCatalogGetStarBecomesItsShortestSafePrefixes()
    {
        var result = RefineSeed(ShippedCatalog.Instance);

        Assert.Equal(
            [
                "s3:GetAccess*", "s3:GetAccountPublicAccessBlock", "s3:GetBucketAbac", "s3:GetBucketMetadataTableConfiguration",
                "s3:GetDataAccess", "s3:GetJobTagging", "s3:GetMulti*", "s3:GetObject*", "s3:GetStorage*", "s3:List*",
            ],
            Actions(result, 1).Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void WithTheCatalogOfTheArticlesDayTheResultIsExactlyTheArticlesSeven()
    {
        var catalog = CatalogFixtures.ShippedWithout("s3:GetBucketAbac", "s3:GetBucketMetadataTableConfiguration");

        var result = RefineSeed(catalog);

        var expected = JsonNode.Parse("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [ "lambda:Invoke*" ],
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:my-lambda"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetAccess*", "s3:GetAccountPublicAccessBlock", "s3:GetDataAccess", "s3:GetJobTagging",
                    "s3:GetMulti*", "s3:GetObject*", "s3:GetStorage*", "s3:List*"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())), result.RecommendedPolicy!.ToCompactJson());
    }

    [Fact]
    public void TheChangeRecordSaysWhatReplacedGetStar()
    {
        var result = RefineSeed(ShippedCatalog.Instance);

        var s3 = result.Changes[1];
        Assert.Equal(1, s3.Index);
        Assert.Equal(StatementStatus.Modified, s3.Status);
        Assert.Equal(["s3:Get*"], s3.Removed);
        var replaced = Assert.Single(s3.Replaced);
        Assert.Equal("s3:Get*", replaced.Entry);
        Assert.Equal(s3.Added, replaced.With);
        Assert.Equal(9, replaced.With.Count);

        var lambda = result.Changes[0];
        Assert.Equal(StatementStatus.Modified, lambda.Status);
        Assert.Equal(8, lambda.Removed.Count);
        Assert.Empty(lambda.Added);
    }

    [Fact]
    public void TheSummaryCountsAllowedActionsBeforeAndAfter()
    {
        var catalog = ShippedCatalog.Instance;
        var result = RefineSeed(catalog);

        var before = new[] { "lambda:Invoke*", "s3:Get*", "s3:List*" }.SelectMany(catalog.Match).Select(a => a.Index)
            .Concat(SeedExample.Unused[0].Actions!.Select(a => catalog.Match("lambda:" + a).Single().Index))
            .Distinct().Count();
        Assert.Equal(before, result.Summary.AllowedActionsBefore);
        Assert.Equal(before - 30, result.Summary.AllowedActionsAfter);
        Assert.Equal(30, result.Summary.RemovedByAccessLevel.Values.Sum());
        Assert.Empty(result.Warnings);
    }
}
