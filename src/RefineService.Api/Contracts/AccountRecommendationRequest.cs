using System.Text.Json.Serialization;
using RefineService.Core.Refinement;

namespace RefineService.Api.Contracts;

/// <summary>The body of <c>POST /v1/accounts/recommendations</c>: a whole account's authorization details and its principals' findings.</summary>
// Settable, not init-only, as RecommendationRequest is: the JSON source generator reads init-only members as a constructor's
// arguments, and the account's thousand findings and its authorization details would be read that way.
public sealed record AccountRecommendationRequest : ContractObject
{
    /// <summary>The output of <c>aws iam get-account-authorization-details</c> exactly as printed (the CLI's merged pages), or a list of its pages. Documents may be JSON objects or URL-encoded JSON text.</summary>
    public AuthorizationDetailsPages? AuthorizationDetails { get; set; }

    /// <summary>Whole GetFindingV2 answers, one per principal to refine, each naming its role or user by <c>resource</c>; the answer follows their order. A finding that breaks the rules fails its principal alone.</summary>
    public IReadOnlyList<RawFinding?>? Findings { get; set; }

    /// <summary>Activity data per principal, keyed by its ARN: the actions it used and IAM's last accessed report, as <c>/v1/recommendations</c> takes them. Combined with the principal's findings if it has any; a principal with activity data and no finding is answered after those with findings, in this list's order.</summary>
    public IReadOnlyList<PrincipalActivity?>? Activity { get; set; }

    /// <summary>How to refine, applied to every principal; every field has a default.</summary>
    public AccountRecommendationOptions? Options { get; set; }
}

/// <summary>Options of an account's refinement.</summary>
public sealed record AccountRecommendationOptions : ContractObject, IUnusedActionFilterOptions
{
    /// <summary>As for <c>/v1/recommendations</c>: <c>prefix</c> (default) or <c>none</c>.</summary>
    [JsonConverter(typeof(WildcardModeConverter))]
    public WildcardMode? Wildcards { get; init; }

    /// <summary>As for <c>/v1/recommendations</c>: each replaced wildcard also carries its trie. Default false; implies nothing about <c>details</c>.</summary>
    public bool? Explain { get; init; }

    /// <summary>Whether each policy's recommendation also carries its <c>recommendedPolicy</c> and <c>unifiedDiff</c>, exactly as <c>/v1/recommendations</c> gives them. Default false: the steps already hold every recommended document, and an account's diffs are most of a large answer.</summary>
    public bool? Details { get; init; }

    /// <summary>As for <c>/v1/recommendations</c>, for every principal: an action counts as unused only if never used, or last used more than this many days before <c>asOf</c>, whatever input dates it (1 to 3650).</summary>
    /// <example>90</example>
    public int? UnusedForDays { get; init; }

    /// <summary>The instant <c>unusedForDays</c> counts back from, as a timestamp; default: now, the same instant for every principal.</summary>
    public AwsTimestamp? AsOf { get; init; }

    /// <summary>As for <c>/v1/recommendations</c>: action patterns never removed from any principal's policies, own or shared.</summary>
    public IReadOnlyList<string?>? Keep { get; init; }

    /// <summary>As for <c>/v1/recommendations</c>: remove only unused actions of these access levels, from every policy.</summary>
    public IReadOnlyList<string?>? AccessLevels { get; init; }

    /// <summary>The <c>Sid</c>s of statements copied unchanged, in every policy the account's answer refines (a principal's own and the shared ones).</summary>
    public IReadOnlyList<string?>? SkipStatements { get; init; }
}
