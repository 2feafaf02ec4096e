using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Catalog;

namespace RefineService.Api.Validation;

/// <summary>The rules of a recommendation request; documents are checked by <see cref="PolicyDocumentValidator"/>.</summary>
internal sealed class RecommendationRequestValidator : AbstractValidator<RecommendationRequest>
{
    /// <summary>The most policies one request may refine.</summary>
    public const int MaxPolicies = 100;

    public static readonly string[] Kinds = ["managed", "awsManaged", "inlineRole", "inlineUser", "inlineGroup"];
    public static readonly string[] WildcardModes = ["prefix", "none"];

    public RecommendationRequestValidator(ActionCatalog catalog)
    {
        var documents = new PolicyDocumentValidator();

        RuleFor(request => request)
            .Must(request => request.Policy is not null || request.Policies is not null)
            .WithMessage("Give the policy document to refine in 'policy', or several policies in 'policies'.")
            .Must(request => request.Policy is null || request.Policies is null)
            .WithMessage("Give either 'policy' or 'policies', not both.")
            .Must(request => request.UnusedPermissions is not null || request.FindingDetails is not null)
            .WithMessage("Give the unused actions in 'unusedPermissions' or 'findingDetails' (or both).")
            .OverridePropertyName(string.Empty);

        RuleFor(request => request.Policy!.Value)
            .SetValidator(documents)
            .OverridePropertyName("policy")
            .When(request => request.Policy is not null);

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
            policy.RuleFor(p => p.Document!.Value)
                .SetValidator(documents)
                .OverridePropertyName("document")
                .When(p => p.Document is not null);
            policy.RuleFor(p => p.Kind)
                .Must(kind => kind is null || Kinds.Contains(kind))
                .WithMessage(p => $"'{p.Kind}' is not a policy kind; use one of {string.Join(", ", Kinds)} (managed when left out).");
        }).When(request => request.Policies is { Count: <= MaxPolicies });

        RuleForEach(request => request.UnusedPermissions)
            .NotNull()
            .WithMessage("Each item of 'unusedPermissions' must be an object with a 'serviceNamespace'.")
            .SetValidator(new UnusedPermissionValidator());

        RuleForEach(request => request.FindingDetails)
            .NotNull()
            .WithMessage("Each item of 'findingDetails' must be an object, as Access Analyzer writes them.");

        RuleForEach(request => request.FindingDetails).Where(detail => detail is not null).ChildRules(detail =>
            detail.RuleFor(d => d.UnusedPermissionDetails!)
                .SetValidator(new UnusedPermissionDetailsValidator())
                .When(d => d.UnusedPermissionDetails is not null));

        RuleFor(request => request.Options!.Wildcards)
            .Must(mode => mode is null || WildcardModes.Contains(mode))
            .WithMessage(request => $"'{request.Options!.Wildcards}' is not a wildcards mode; use \"prefix\" (the default) or \"none\".")
            .OverridePropertyName("options.wildcards")
            .When(request => request.Options is not null);

        RuleFor(request => request).Custom((request, context) =>
        {
            var unused = UnusedActionCount(request);
            if (unused > RequestLimits.MaxUnusedActions)
            {
                context.AddFailure(new ValidationFailure(string.Empty, string.Create(CultureInfo.InvariantCulture,
                    $"At most {RequestLimits.MaxUnusedActions:N0} unused actions can be read in one request; this one lists {unused:N0}.")));
            }

            if (ExaminedActions.Of(catalog, request) is var examined && examined > RequestLimits.MaxExaminedActions)
            {
                context.AddFailure(new ValidationFailure(string.Empty, ExaminedActions.TooMany(catalog, examined)));
            }
        });
    }

    private static long UnusedActionCount(RecommendationRequest request) =>
        (request.UnusedPermissions ?? []).Sum(p => (long)(p?.Actions?.Count ?? 0)) +
        (request.FindingDetails ?? []).Sum(d => (long)(d?.UnusedPermissionDetails?.Actions?.Count ?? 0));
}
