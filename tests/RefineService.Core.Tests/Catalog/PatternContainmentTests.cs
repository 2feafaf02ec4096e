using CsCheck;
using RefineService.Core.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Catalog;

/// <summary>Whether one pattern covers another for every action name: the engine's answer against the oracle's own walk.</summary>
public class PatternContainmentTests
{
    [Theory]
    [InlineData("sagemaker:ListTraining*", "sagemaker:ListTrainingJobs*", true)]
    [InlineData("sagemaker:ListTrainingJobs*", "sagemaker:ListTraining*", false)]
    [InlineData("kafka:ListClusters*", "kafka:ListClustersV2", true)]
    [InlineData("kafka:ListClusters*", "kafka:ListClusters", true)]
    [InlineData("kafka:ListClusters", "kafka:ListClusters*", false)]
    [InlineData("KAFKA:listclusters*", "kafka:ListClustersV2", true)]
    [InlineData("*", "s3:*Object?", true)]
    [InlineData("s3:*", "s3:Get*", true)]
    [InlineData("s3:*", "s3express:Get*", false)]
    [InlineData("sagemaker:*Job*", "sagemaker:ListTrainingJobs*", true)]
    [InlineData("sagemaker:*Job*", "sagemaker:ListTraining*", false)]
    [InlineData("s3:?*", "s3:*?", true)]
    [InlineData("s3:*?", "s3:?*", true)]
    [InlineData("s3:Get*?", "s3:Get*", false)]
    [InlineData("s3:Get*", "s3:Get?*", true)]
    [InlineData("s3:Get?", "s3:Get*", false)]
    [InlineData("s3:*Object", "s3:Get*Object", true)]
    [InlineData("s3:*Object", "s3:GetObject*", false)]
    [InlineData("s3:*a*b*", "s3:*ab*", true)]
    [InlineData("s3:*ab*", "s3:*a*b*", false)]
    [InlineData("*:Get*", "s3:GetObject", true)]
    [InlineData("*:Get*", "s3:Get*", true)]
    [InlineData("*:Get*", "s3:*Get*", false)]
    public void APatternCoversAnotherWhenItMatchesEveryNameTheOtherMatches(string wider, string narrower, bool covers) =>
        Assert.Equal(covers, ActionPattern.Parse(wider).Covers(ActionPattern.Parse(narrower)));

    [Fact]
    public void CoveringAgreesWithTheOracleOnRandomPatterns()
    {
        // Short patterns over few letters, so that covering, equivalent and disjoint pairs all come up often.
        var pattern = Gen.Char["ab*?"].Array[0, 6].Select(chars => "s:" + new string(chars));

        Gen.Select(pattern, pattern).Sample((wider, narrower) =>
            Assert.True(
                Cover.Covers(wider, narrower) == ActionPattern.Parse(wider).Covers(ActionPattern.Parse(narrower)),
                $"{wider} covers {narrower}: oracle {Cover.Covers(wider, narrower)}"), iter: 5000, seed: "0N0XIzNsQ0O2");
    }
}
