using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>No entry a statement's other entries already cover is written; with <c>compact</c>, the original's own such entries go too.</summary>
public class RedundancyTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static RefinementResult Refine(string actions, string service, string[] unused, bool compact = false) =>
        new Refiner(Catalog).Refine(
            PolicyDocument.Parse($$"""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": {{actions}}, "Resource": "*" } ] }"""),
            UnusedActionSet.Create(Catalog, [new UnusedServiceActions(service, unused)]),
            new RefinementOptions(Compact: compact),
            TestContext.Current.CancellationToken);

    private static string[] Entries(RefinementResult result) =>
        [.. JsonNode.Parse(result.RecommendedPolicy!.ToCompactJson())!["Statement"]![0]!["Action"]!.AsArray().Select(e => e!.GetValue<string>())];

    [Fact]
    public void AReplacementAnotherReplacementCoversIsNotWritten()
    {
        // SageMakerStudioUserIAMDefaultExecutionPolicy: List* is refined to sagemaker:ListTraining*, and *Job* to
        // sagemaker:ListTrainingJobs* among others, which the first already covers.
        var result = Refine("""["sagemaker:List*", "sagemaker:*Job*"]""", "sagemaker", ["ListApps", "CreateTrainingJob"]);

        var entries = Entries(result);
        Assert.Contains("sagemaker:ListTraining*", entries);
        Assert.DoesNotContain("sagemaker:ListTrainingJobs*", entries);
        Assert.Contains(new RedundantEntry("sagemaker:ListTrainingJobs*", "sagemaker:ListTraining*"), result.Changes[0].Redundant);
        Assert.DoesNotContain(result.Changes[0].Replaced, r => r.With.Contains("sagemaker:ListTrainingJobs*"));
        Assert.Contains("sagemaker:ListTrainingJobsForHyperParameterTuningJob", OracleCatalog.Shipped.Spelled.Where(a => entries.Any(e => Glob.IsMatch(e, a))));
    }

    [Fact]
    public void TheOriginalsOwnEntriesStayUnlessCompact()
    {
        // ReadOnlyAccess lists kafka:ListClusters and kafka:ListClustersV2 beside kafka:List*, whose refinement covers both.
        var policy = """["kafka:List*", "kafka:ListClusters", "kafka:ListClustersV2"]""";

        var plain = Refine(policy, "kafka", ["ListNodes"]);
        var compact = Refine(policy, "kafka", ["ListNodes"], compact: true);

        Assert.Contains("kafka:ListClusters", Entries(plain));
        Assert.Contains("kafka:ListClustersV2", Entries(plain));
        Assert.Empty(plain.Changes[0].Redundant);
        Assert.DoesNotContain("kafka:ListClusters", Entries(compact));
        Assert.DoesNotContain("kafka:ListClustersV2", Entries(compact));
        Assert.Equal(["kafka:ListClusters", "kafka:ListClustersV2"], compact.Changes[0].Redundant.Select(r => r.Entry));
        Assert.All(compact.Changes[0].Redundant, r => Assert.Contains(r.CoveredBy, Entries(compact)));
        Assert.Contains("kafka:ListClusters", compact.Changes[0].Removed);
        Assert.Equal(plain.Summary.AllowedActionsAfter, compact.Summary.AllowedActionsAfter);
    }

    [Fact]
    public void CompactWildcardsCutEachPrefixToTheFewestCharactersThatStartTheSameActions()
    {
        var policy = PolicyDocument.Parse("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "ec2:DescribeInstance*", "Resource": "*" } ] }""");
        var unused = UnusedActionSet.Create(Catalog, [new UnusedServiceActions("ec2", ["DescribeInstanceAttribute"])]);

        var prefix = new Refiner(Catalog).Refine(policy, unused, new RefinementOptions(WildcardMode.Prefix), TestContext.Current.CancellationToken);
        var compact = new Refiner(Catalog).Refine(policy, unused, new RefinementOptions(WildcardMode.Compact), TestContext.Current.CancellationToken);

        Assert.Contains("ec2:DescribeInstances*", Entries(prefix));
        Assert.True(compact.Size.Characters < prefix.Size.Characters);
        var allowed = (RefinementResult r) => OracleCatalog.Shipped.Spelled.Where(a => Entries(r).Any(e => Glob.IsMatch(e, a)));
        Assert.Equal(allowed(prefix), allowed(compact));
    }

    [Fact]
    public void CompactDropsCoveredEntriesOfAStatementNothingElseChanges()
    {
        var result = Refine("""["s3:Get*", "s3:GetObject", "ec2:*"]""", "iam", ["GetRole"], compact: true);

        Assert.Equal(["s3:Get*", "ec2:*"], Entries(result));
        Assert.Equal(StatementStatus.Modified, result.Changes[0].Status);
        Assert.Equal(["s3:GetObject"], result.Changes[0].Removed);
    }
}
