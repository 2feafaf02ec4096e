using System.Text.Json.Serialization;
using RefineService.Core.Refinement;

namespace RefineService.Api.Contracts;

/// <summary>The body of <c>POST /v1/accounts/recommendations</c>: a whole account's authorization details and its principals' findings.</summary>
public sealed record AccountRecommendationRequest : ContractObject
{
    /// <summary>The output of <c>aws iam get-account-authorization-details</c> exactly as printed (the CLI's merged pages), or a list of its pages. Documents may be JSON objects or URL-encoded JSON text.</summary>
    public AuthorizationDetailsPages? AuthorizationDetails { get; init; }

    /// <summary>Whole GetFindingV2 answers, one per principal to refine, each naming its role or user by <c>resource</c>; the answer follows their order.</summary>
    public IReadOnlyList<Finding?>? Findings { get; init; }

    /// <summary>How to refine, applied to every principal; every field has a default.</summary>
    public AccountRecommendationOptions? Options { get; init; }
}

/// <summary>Options of an account's refinement.</summary>
public sealed record AccountRecommendationOptions : ContractObject
{
    /// <summary>As for <c>/v1/recommendations</c>: <c>prefix</c> (default) or <c>none</c>.</summary>
    [JsonConverter(typeof(WildcardModeConverter))]
    public WildcardMode? Wildcards { get; init; }

    /// <summary>As for <c>/v1/recommendations</c>: each replaced wildcard also carries its trie. Default false; implies nothing about <c>details</c>.</summary>
    public bool? Explain { get; init; }

    /// <summary>Whether each policy's recommendation also carries its <c>recommendedPolicy</c> and <c>unifiedDiff</c>, exactly as <c>/v1/recommendations</c> gives them. Default false: the steps already hold every recommended document, and an account's diffs are most of a large answer.</summary>
    public bool? Details { get; init; }
}
