using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Api.OpenApi;
using RefineService.Api.Security;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using Serilog;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Api.Endpoints;

/// <summary><c>POST /v1/accounts/recommendations</c>: every principal of an account refined in one call, shared policies once for all.</summary>
public static class AccountsApi
{
    /// <summary>The media type of the streamed answer: one JSON object per line.</summary>
    public const string Ndjson = "application/x-ndjson";

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var limits = routes.ServiceProvider.GetRequiredService<IOptions<AccountRequestLimitOptions>>().Value;

        // Answers hold the client's policies: no cache may keep them.
        var group = routes.MapGroup("/v1/accounts").WithTags("Accounts").WithNoStore();

        group.MapPost("/recommendations", Recommend)
            .WithName("CreateAccountRecommendations")
            .WithSummary("Recommend refined policies for every principal of an account")
            .WithDescription(
                "Takes the output of `aws iam get-account-authorization-details` and the GetFindingV2 answers of the account's principals, " +
                "or their activity data (`activity`: per principal ARN, its `usedActions` and IAM's `lastAccessedDetails`), or both; " +
                "the filters of `/v1/recommendations` (`unusedForDays`, `asOf`, `keep`, `accessLevels`, `skipStatements`) apply to every principal. " +
                "It answers each finding, in order, then each principal with activity data alone, as `/v1/recommendations` answers that principal's own policies (`findingRecommendation` in GetFindingRecommendation's shape, " +
                "and the per-policy recommendations without `recommendedPolicy` and `unifiedDiff` unless `options.details`). " +
                "Group policies, permissions boundaries and trust policies are never rewritten for one principal; a customer-managed or group policy that several principals hold " +
                "is refined once in `sharedPolicies`, removing only what every one of them has unused. A principal that cannot be answered gets `FAILED` with its reason; the others are answered. " +
                "With `Accept: application/x-ndjson` the answer streams: one line per principal, then one line with the shared policies and totals. " +
                "The body may be sent compressed (`Content-Encoding: gzip` or `br`); its limit applies decompressed.")
            .WithValidation<AccountRecommendationRequest>()
            .Produces<AccountRecommendationResponse>(StatusCodes.Status200OK, "application/json", Ndjson)
            .ProducesBodyProblems()

            // Its own, longer, time limit: the group's is for one principal's policies.
            .WithRequestTimeout(RequestTimeLimit.AccountPolicy)

            // Its own body limit, decompressed (see JsonBodyMiddleware and the request decompression).
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBodyBytes));

        return group;
    }

    // Validated by the filter; the answer is written as it is made (AccountAnswer). Counts only go to the request's log line.
    public static IResult Recommend(
        AccountRecommendationRequest? request, ActionCatalog catalog, IOptions<JsonOptions> json, IDiagnosticContext diagnostics, TimeProvider clock, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(context);
        var refinement = new AccountRefinement(request, catalog, json.Value.SerializerOptions, clock, context.RequestAborted);
        diagnostics.Set("PrincipalCount", refinement.Count);
        var ndjson = context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase));
        return new AccountAnswer(refinement, ndjson, diagnostics);
    }
}
