using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of a recommendation request; a document's own problems were found while it was read (<see cref="PolicyDocument.Problems"/>) and are reported at their paths.</summary>
internal sealed class RecommendationRequestValidator : AbstractValidator<RecommendationRequest>
{
    /// <summary>The most policies one request may refine.</summary>
    public const int MaxPolicies = 100;

    public RecommendationRequestValidator(CurrentCatalog current)
    {
        RuleFor(request => request)
            .Must(request => request.Policy is not null || request.Policies is not null)
            .WithMessage("Give the policy document to refine in 'policy', or several policies in 'policies'.")
            .Must(request => request.Policy is null || request.Policies is null)
            .WithMessage("Give either 'policy' or 'policies', not both.")
            .Must(request => request.UnusedPermissions is not null || request.FindingDetails is not null || request.Finding is not null
                || request.UsedActions is not null || request.LastAccessedDetails is not null)
            .WithMessage("Give the unused actions, or what tells them: a whole GetFindingV2 answer in 'finding', its 'findingDetails', 'unusedPermissions', IAM's last accessed report in 'lastAccessedDetails', or the actions used in 'usedActions' (or several).")
            .OverridePropertyName(string.Empty);

        RuleFor(request => request).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(request => request.Policy).Custom(ReportProblems).When(request => request.Policy is not null);
        RuleFor(request => request.PolicyUpdatedAt).Readable();
        RuleFor(request => request.ResourceArn).Arn();
        RuleFor(request => request.ResourceArn)
            .Equal(request => request.Finding!.Resource)
            .WithMessage(request => $"'resourceArn' names another principal than the finding's 'resource' ('{request.Finding!.Resource}'); give one of them.")
            .When(request => request.ResourceArn is not null && request.Finding?.Resource is not null);
        RuleFor(request => request.Policy)
            .NotNull()
            .WithMessage("'policyId', 'policyKind' and 'policyUpdatedAt' describe the single 'policy'; with 'policies', give each policy its 'id', 'kind' and 'updatedAt'.")
            .When(request => request.Policies is not null && (request.PolicyId is not null || request.PolicyKind is not null || request.PolicyUpdatedAt is not null));
        RuleFor(request => request.Options!).SetValidator(new RecommendationOptionsValidator<RecommendationOptions>()).When(request => request.Options is not null);
        RuleFor(request => request.LastAccessedDetails!).SetValidator(new LastAccessedDetailsValidator()).When(request => request.LastAccessedDetails is not null);
        RuleFor(request => request.UsedActions)
            .Must(used => used!.Count <= RequestLimits.MaxUsedActions)
            .WithMessage(request => string.Create(CultureInfo.InvariantCulture,
                $"At most {RequestLimits.MaxUsedActions:N0} used actions can be read in one request; this one lists {request.UsedActions!.Count:N0}."))
            .DependentRules(() => RuleFor(request => request.UsedActions).Custom((used, context) => UsedActionRules.Check(used, context, "$.usedActions")))
            .When(request => request.UsedActions is not null);
        RuleFor(request => request.Finding!).SetValidator(new FindingValidator()).When(request => request.Finding is not null);

        RuleFor(request => request.Policies)
            .Must(policies => policies!.Count > 0)
            .WithMessage("'policies' must hold at least one policy.")
            .Must(policies => policies!.Count <= MaxPolicies)
            .WithMessage(request => $"At most {MaxPolicies} policies can be refined in one request; this one has {request.Policies!.Count}.")
            .When(request => request.Policies is not null);

        RuleForEach(request => request.Policies)
            .NotNull()
            .WithMessage("Each policy must be an object holding its 'document'.");

        RuleForEach(request => request.Policies).Where(policy => policy is not null).ChildRules(policy =>
        {
            policy.RuleFor(p => p.Document)
                .NotNull()
                .WithMessage("Each policy needs its 'document'.");
            policy.RuleFor(p => p.Document).Custom(ReportProblems).When(p => p.Document is not null);
            policy.RuleFor(p => p).Custom(ContractRules.RefuseUnknownMembers);
            policy.RuleFor(p => p.UpdatedAt).Readable();
        }).When(request => request.Policies is { Count: <= MaxPolicies });

        RuleForEach(request => request.UnusedPermissions)
            .NotNull()
            .WithMessage("Each item of 'unusedPermissions' must be an object with a 'serviceNamespace'.")
            .SetValidator(new UnusedPermissionEntryValidator());

        RuleFor(request => request.FindingDetails).Custom((details, context) =>
            FindingDetailRules.Check(details, JsonPath.Rebase(context.PropertyPath, JsonPath.Root), context));

        RuleFor(request => request).Custom((request, context) =>
        {
            var catalog = current.Catalog;
            var unused = UnusedActionCount(request);
            if (unused > RequestLimits.MaxUnusedActions)
            {
                context.AddFailure(new ValidationFailure(string.Empty, string.Create(CultureInfo.InvariantCulture,
                    $"At most {RequestLimits.MaxUnusedActions:N0} unused actions can be read in one request; this one lists {unused:N0}.")));
            }

            if (Examined(catalog, request) is var examined && examined > RequestLimits.MaxExaminedActions)
            {
                context.AddFailure(new ValidationFailure(string.Empty, ExaminedActions.TooMany(catalog, examined, RequestLimits.MaxExaminedActions)));
            }
        });
    }

    // Each problem found while the document was read, at its path in the request.
    private static void ReportProblems(PolicyDocument? document, ValidationContext<RecommendationRequest> context) => Report(document, context.PropertyPath, context);

    private static void ReportProblems(PolicyDocument? document, ValidationContext<PolicyInput> context) => Report(document, context.PropertyPath, context);

    private static void Report<T>(PolicyDocument? document, string propertyPath, ValidationContext<T> context)
    {
        var path = JsonPath.Rebase(propertyPath, JsonPath.Root);
        foreach (var problem in document?.Problems ?? [])
        {
            context.AddFailure(new ValidationFailure(JsonPath.Rebase(problem.Path, path), problem.Message));
        }
    }

    // What the request's patterns will have the matcher examine; documents that could not be read count nothing (they are refused anyway).
    private static long Examined(ActionCatalog catalog, RecommendationRequest request)
    {
        var documents = (request.Policies ?? []).Select(p => p?.Document).Append(request.Policy);
        var total = documents.Sum(d => d is { IsComplete: true } ? ExaminedActions.OfDocument(catalog, d) : 0);
        var filters = (request.UsedActions ?? []).Select(u => u?.Action).Concat(request.Options?.Keep ?? []).OfType<string>();
        return total + UnusedServiceActionsOf(request).Sum(u => ExaminedActions.OfUnused(catalog, u)) + filters.Sum(p => ExaminedActions.OfPattern(catalog, p));
    }

    private static IEnumerable<Core.Refinement.UnusedServiceActions> UnusedServiceActionsOf(RecommendationRequest request) =>
        (request.UnusedPermissions ?? []).Select(p => (p?.ServiceNamespace, p?.Actions))
            .Concat(AllFindingDetails(request).Select(d => (d?.UnusedPermissionDetails?.ServiceNamespace, d?.UnusedPermissionDetails?.Actions)))
            .Where(u => u.ServiceNamespace is not null)
            .Select(u => new Core.Refinement.UnusedServiceActions(u.ServiceNamespace!, u.Actions?.Select(a => a?.Action).OfType<string>().ToList()));

    private static long UnusedActionCount(RecommendationRequest request) =>
        (request.UnusedPermissions ?? []).Sum(p => (long)(p?.Actions?.Count ?? 0)) +
        AllFindingDetails(request).Sum(d => (long)(d?.UnusedPermissionDetails?.Actions?.Count ?? 0));

    private static IEnumerable<FindingDetail?> AllFindingDetails(RecommendationRequest request) =>
        (request.FindingDetails ?? []).Concat(request.Finding?.FindingDetails ?? []);
}
