using System.Text.Encodings.Web;
using System.Text.Json;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

/// <summary>
/// <see cref="FindingRecommendation"/> is written by a converter of its own, for speed; what it writes must be, byte for byte,
/// what the source-generated metadata writes, with the service's settings and with others.
/// </summary>
public sealed class FindingRecommendationWritingTests
{
    private static readonly DateTimeOffset Started = new(2024, 6, 10, 13, 45, 0, 512, TimeSpan.Zero);

    private static readonly JsonSerializerOptions IndentedAndRelaxed =
        new(HttpClientExtensions.ApiJson) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Cases => [.. Recommendations.Keys];

    private static Dictionary<string, FindingRecommendation> Recommendations { get; } = new()
    {
        ["create and detach"] = Recommendation(
            Step(RecommendedRemediationAction.CreatePolicy, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject*"],"Resource":"*"}]}""",
                "arn:aws:iam::123456789012:policy/my-policy", new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.FromHours(2))),
            Step(RecommendedRemediationAction.DetachPolicy, null, "arn:aws:iam::123456789012:policy/my-policy", null)),
        ["text to escape"] = Recommendation(
            Step(RecommendedRemediationAction.CreatePolicy, "{\"Sid\":\"<é'&+\\u2028\\\"\t\"}", "inline 'policy' <é>", new DateTimeOffset(2024, 1, 15, 10, 0, 0, 1, TimeSpan.Zero).AddTicks(3)),
            Step(RecommendedRemediationAction.DetachPolicy, null, "unnamed-policy-1", null)),
        ["no steps"] = Recommendation(),
        ["failed"] = Recommendation() with
        {
            Status = RecommendationStatus.Failed,
            Error = new RecommendationError { Code = "UnsupportedFindingType", Message = "Policy recommendations are made for unused permissions only; 'see'." },
        },
        ["detach alone"] = Recommendation(Step(RecommendedRemediationAction.DetachPolicy, null, "my-inline-policy", Started)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheConverterWritesWhatTheGeneratedMetadataWrites(string name)
    {
        var recommendation = Recommendations[name];

        Assert.Equal(Generated(HttpClientExtensions.ApiJson, recommendation), JsonSerializer.Serialize(recommendation, HttpClientExtensions.ApiJson));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheConverterWritesWhatTheGeneratedMetadataWritesIndentedAndRelaxed(string name)
    {
        var recommendation = Recommendations[name];
        Assert.Equal(Generated(IndentedAndRelaxed, recommendation), JsonSerializer.Serialize(recommendation, IndentedAndRelaxed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatTheConverterWritesReadsBackAsItWas(string name)
    {
        var recommendation = Recommendations[name];

        var read = JsonSerializer.Deserialize<FindingRecommendation>(JsonSerializer.Serialize(recommendation, HttpClientExtensions.ApiJson), HttpClientExtensions.ApiJson)!;

        Assert.Equal(JsonSerializer.Serialize(recommendation, HttpClientExtensions.ApiJson), JsonSerializer.Serialize(read, HttpClientExtensions.ApiJson));
        Assert.Equal(recommendation.RecommendedSteps.Count, read.RecommendedSteps.Count);
    }

    // The same settings without the converter: the source-generated metadata writes.
#pragma warning disable CA1869 // Each case needs the settings it compares against, without the converter.
    private static string Generated(JsonSerializerOptions options, FindingRecommendation recommendation)
    {
        var generated = new JsonSerializerOptions(options);
        Assert.Equal(1, generated.Converters.Count(c => c is FindingRecommendationConverter));
        generated.Converters.Remove(generated.Converters.Single(c => c is FindingRecommendationConverter));
        return JsonSerializer.Serialize(recommendation, generated);
    }
#pragma warning restore CA1869

    private static FindingRecommendation Recommendation(params RecommendedStep[] steps) => new()
    {
        StartedAt = Started,
        CompletedAt = Started.AddTicks(12_345),
        ResourceArn = "arn:aws:iam::123456789012:role/my-role",
        RecommendedSteps = steps,
        RecommendationType = RecommendationType.UnusedPermissionRecommendation,
        Status = RecommendationStatus.Succeeded,
    };

    private static RecommendedStep Step(RecommendedRemediationAction action, string? policy, string id, DateTimeOffset? updatedAt) => new()
    {
        UnusedPermissionsRecommendedStep = new UnusedPermissionsRecommendedStep
        {
            RecommendedAction = action,
            RecommendedPolicy = policy,
            ExistingPolicyId = id,
            PolicyUpdatedAt = updatedAt,
        },
    };
}
