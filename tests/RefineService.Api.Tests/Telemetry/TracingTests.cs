using System.Diagnostics;
using RefineService.Api.Telemetry;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Telemetry;

/// <summary>A recommendation is one activity of the service's source, tagged with counts and never with policy content.</summary>
public sealed class TracingTests(ApiFactory factory)
{
    [Fact]
    public async Task ARecommendationIsOneActivityTaggedWithCountsAndNoPolicyContent()
    {
        // The request carries a trace of its own, so that only its activities are kept whatever else runs meanwhile.
        var trace = ActivityTraceId.CreateRandom();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ServiceActivities.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace && activity.Source.Name == ServiceActivities.SourceName)
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/recommendations")
        {
            Content = new StringContent(HttpClientExtensions.SeedRequest().ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await response.ReadAnswerAsync<RefineService.Api.Contracts.RecommendationResponse>();

        var activity = Assert.Single(stopped);
        Assert.Equal(ServiceActivities.Recommendation, activity.OperationName);
        Assert.Equal(1, activity.GetTagItem("refineservice.policy.count"));
        Assert.Equal(2, activity.GetTagItem("refineservice.finding.count"));
        Assert.Equal(30, activity.GetTagItem("refineservice.unused_action.count"));
        Assert.Equal(1, activity.GetTagItem("refineservice.create.count"));
        Assert.Equal(0, activity.GetTagItem("refineservice.detach.count"));
        Assert.Equal(answer.Recommendations[0].Size.Characters, activity.GetTagItem("refineservice.recommended_characters"));
        Assert.Equal(answer.CatalogVersion, activity.GetTagItem("refineservice.catalog.version"));
        // Numbers and the catalog's version only: no action, no ARN, nothing of the policy.
        Assert.All(activity.TagObjects, tag => Assert.True(tag.Value is int || tag.Key == "refineservice.catalog.version", tag.Key));
    }
}
