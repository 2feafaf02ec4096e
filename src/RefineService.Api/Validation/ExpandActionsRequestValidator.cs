using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Catalog;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of <c>POST /v1/actions/expand</c>: 1 to 100 patterns written as in a policy.</summary>
internal sealed class ExpandActionsRequestValidator : AbstractValidator<ExpandActionsRequest>
{
    /// <summary>The most patterns one request may expand.</summary>
    public const int MaxPatterns = 100;

    public ExpandActionsRequestValidator(CurrentCatalog current)
    {
        RuleFor(request => request).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(request => request.Patterns)
            .Cascade(CascadeMode.Stop)
            .NotNull()
            .WithMessage("Give the action patterns to expand in 'patterns', such as [\"s3:Get*\"].")
            .Must(patterns => patterns!.Count is > 0 and <= MaxPatterns)
            .WithMessage($"'patterns' must hold between 1 and {MaxPatterns} patterns.");

        RuleForEach(request => request.Patterns)
            .Cascade(CascadeMode.Stop)
            .Must(pattern => pattern is null || pattern.Length <= PolicyLimits.MaxPatternLength)
            .WithMessage((_, pattern) => IamSyntax.TooLong(pattern!))
            .Must(pattern => pattern is not null && IamSyntax.IsActionPattern(pattern))
            .WithMessage((_, pattern) => $"'{pattern}' is not an action pattern: write service:action, such as \"s3:Get*\" or \"ec2:Describe?pcs\", or \"*\".")
            .When(request => request.Patterns is { Count: <= MaxPatterns });

        // Every action a pattern matches is in the answer, so this also bounds the answer's size.
        RuleFor(request => request).Custom((request, context) =>
        {
            var catalog = current.Catalog;
            if (request.Patterns is { Count: <= MaxPatterns } patterns &&
                patterns.Sum(pattern => pattern is null ? 0 : ExaminedActions.OfPattern(catalog, pattern)) is var examined && examined > RequestLimits.MaxExpandedActions)
            {
                context.AddFailure(new ValidationFailure(string.Empty, ExaminedActions.TooMany(catalog, examined, RequestLimits.MaxExpandedActions)));
            }
        });
    }
}
