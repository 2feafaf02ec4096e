using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Api.OpenApi;
using RefineService.Api.Security;
using RefineService.Api.Telemetry;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using RefineService.Core.Refinement;
using Serilog;

namespace RefineService.Api.Endpoints;

/// <summary><c>POST /v1/recommendations</c>: refines IAM policies by removing the actions Access Analyzer found unused.</summary>
public static class RecommendationsApi
{
    public static RouteGroupBuilder MapRecommendations(this IEndpointRouteBuilder routes)
    {
        // Answers hold the client's policies: no cache may keep them.
        var group = routes.MapGroup("/v1/recommendations").WithTags("Recommendations").WithNoStore();

        group.MapPost("/", Recommend)
            .WithName("CreateRecommendations")
            .WithSummary("Recommend refined policies without the unused actions")
            .WithDescription(
                "Removes from each policy the actions reported unused, keeping its structure: individually listed unused actions are removed, " +
                "and a wildcard that covers unused actions is replaced by its shortest safe prefixes (the least general generalization). " +
                "Unused actions come as a whole GetFindingV2 answer (`finding`), as its `findingDetails`, as `unusedPermissions`, or several; " +
                "the answer also gives the result in the exact shape of GetFindingRecommendation (`findingRecommendation`). " +
                "A member the contract does not define is refused at its path; members AWS adds to its own shapes are tolerated and counted in a warning. " +
                "Errors are keyed by the JSON path of the field at fault, e.g. `$.policies[0].document.Statement[1].Effect`; " +
                "warnings carry the same kind of path.")
            .WithValidation<RecommendationRequest>()
            .WithRequestExample(RequestExamples.Recommendation, "The seed article's policy and unused permissions")
            .WithRequestExample(RequestExamples.Finding, "The same policy, named, with its whole GetFindingV2 answer as the AWS CLI prints it")
            .ProducesBodyProblems();

        return group;
    }

    // Refines every policy of the request against the union of its unused actions; the token is cancelled past the request's time limit.
    // What was done is told in counts on the request's own log line (see LoggingExtensions.UseRequestLogging).
    // The body is optional only so that the validation filter can answer an empty one in its own words; it never reaches here null.
    // The same counts go to the service's metrics and to the request's activity (ServiceMetrics, ServiceActivities).
    public static Ok<RecommendationResponse> Recommend(
        RecommendationRequest? request, ActionCatalog catalog, IDiagnosticContext diagnostics, TimeProvider clock,
        ServiceMetrics? metrics = null, CatalogFreshness? freshness = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        using var activity = ServiceActivities.Source.StartActivity(ServiceActivities.Recommendation);
        var startedAt = clock.GetUtcNow();
        var findings = FindingReport.Read(request);
        var permissions = RecommendationInputs.UnusedActions(request);
        var unused = UnusedActionSet.Create(catalog, RecommendationInputs.Evidence(request, permissions), RecommendationInputs.Filters(request.Options, startedAt));
        var findingWarnings = unused.Warnings.Select(w => RecommendationResults.Warning(w, w.Path)).ToList();

        var refiner = new Refiner(catalog);
        var recommendations = new List<PolicyRecommendation>();
        var steps = new List<RecommendedStep>();
        IReadOnlyList<Warning> requestWarnings = [.. findings.Warnings, .. RecommendationInputs.UnknownStatements(request)];
        int create = 0, detach = 0, characters = 0, warnings = requestWarnings.Count;
        foreach (var policy in RecommendationInputs.Policies(request))
        {
            var started = Stopwatch.GetTimestamp();
            var result = refiner.Refine(policy.Document, unused, policy.Options, cancellationToken);
            var engineTime = Stopwatch.GetElapsedTime(started);
            var recommendation = RecommendationResults.Recommendation(policy, result, findingWarnings, cancellationToken);
            if (freshness is not null && CatalogWarnings.For(catalog, freshness, recommendation.Warnings).ToList() is { Count: > 0 } catalogWarnings)
            {
                recommendation = recommendation with { Warnings = [.. recommendation.Warnings, .. catalogWarnings] };
            }

            metrics?.PolicyRefined(recommendation.RecommendedAction.ToString(), engineTime, result.Summary.RemovedByAccessLevel);
            recommendations.Add(recommendation);
            steps.AddRange(RecommendationResults.Steps(policy, recommendation));
            create += recommendation.RecommendedAction == RecommendedAction.CreatePolicy ? 1 : 0;
            detach += recommendation.RecommendedAction == RecommendedAction.DetachPolicy ? 1 : 0;
            characters += recommendation.Size.Characters;
            warnings += recommendation.Warnings.Count;
        }

        // Counts and sizes only: policy content is the customer's and stays out of the logs.
        diagnostics.Set("PolicyCount", recommendations.Count);
        diagnostics.Set("FindingCount", permissions.Count);
        diagnostics.Set("UnusedActionCount", unused.CatalogActionCount);
        diagnostics.Set("CreateCount", create);
        diagnostics.Set("DetachCount", detach);
        diagnostics.Set("RecommendedCharacters", characters);
        diagnostics.Set("RemediationCount", findings.Remediations.Count);
        diagnostics.Set("WarningCount", warnings);
        metrics?.RecommendationMade();
        activity?.SetTag("refineservice.catalog.version", catalog.Version)
            .SetTag("refineservice.policy.count", recommendations.Count)
            .SetTag("refineservice.finding.count", permissions.Count)
            .SetTag("refineservice.unused_action.count", unused.CatalogActionCount)
            .SetTag("refineservice.create.count", create)
            .SetTag("refineservice.detach.count", detach)
            .SetTag("refineservice.recommended_characters", characters)
            .SetTag("refineservice.warning.count", warnings);

        return TypedResults.Ok(new RecommendationResponse
        {
            CatalogVersion = catalog.Version,
            Recommendations = recommendations,
            RecommendedSteps = steps,
            FindingRecommendation = RecommendationResults.FindingRecommendation(findings.ResourceArn, steps, findings.Failure, startedAt, clock.GetUtcNow()),
            Finding = request.Finding is { } finding
                ? new FindingSummary { Id = finding.Id, Resource = finding.Resource, FindingType = finding.FindingType, Status = finding.Status }
                : null,
            Remediations = findings.Remediations,
            LastAccessedServices = request.LastAccessedDetails is null ? null : RecommendationResults.LastAccessedServices(unused.Services),
            Warnings = requestWarnings,
        });
    }
}
