using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Oracle;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service's recommendations in the plain values the oracle judges.</summary>
public static class OracleAnswers
{
    /// <summary>One recommendation as the oracle reads it: the document as JSON, statuses in the API's spelling.</summary>
    public static Answer Of(PolicyRecommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        if (recommendation.RecommendedPolicy is { Problems.Count: > 0 } unread)
        {
            Assert.Fail($"The recommended policy was not read whole: {string.Join("; ", unread.Problems)}");
        }

        return new(
            recommendation.RecommendedPolicy is { } document ? JsonNode.Parse(document.ToCompactJson()) : null,
            [.. recommendation.Changes.Select(c => new ChangeRecord(
                c.Index,
                JsonNamingPolicy.CamelCase.ConvertName(c.Status.ToString()),
                c.Removed,
                c.Added,
                [.. c.Replaced.Select(r => new Replaced(r.Entry, r.With))])
            {
                Redundant = [.. c.Redundant.Select(r => new Redundant(r.Entry, r.CoveredBy))],
                WrittenAsNotAction = c.WrittenAsNotAction,
            })],
            new Counts(recommendation.Summary.AllowedActionsBefore, recommendation.Summary.AllowedActionsAfter, recommendation.Summary.RemovedByAccessLevel));
    }
}
