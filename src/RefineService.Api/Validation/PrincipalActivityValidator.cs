using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of one item of an account's <c>activity</c>: its principal's ARN, and its activity data read as <c>/v1/recommendations</c> reads a request's own.</summary>
internal sealed class PrincipalActivityValidator : AbstractValidator<PrincipalActivity>
{
    public PrincipalActivityValidator()
    {
        RuleFor(activity => activity).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(activity => activity.PrincipalArn)
            .NotNull()
            .WithMessage("Give the role's or user's ARN in 'principalArn': the ARN its activity data was generated for.")
            .Arn();
        RuleFor(activity => activity)
            .Must(activity => activity.UsedActions is not null || activity.LastAccessedDetails is not null)
            .WithMessage("Give the principal's 'usedActions', its 'lastAccessedDetails', or both.");
        RuleFor(activity => activity.UsedActions).Custom((used, context) =>
        {
            var at = JsonPath.Rebase(context.PropertyPath, JsonPath.Root);
            if (used!.Count > RequestLimits.MaxUsedActions)
            {
                context.AddFailure(new ValidationFailure(at, string.Create(CultureInfo.InvariantCulture,
                    $"At most {RequestLimits.MaxUsedActions:N0} used actions can be read per principal; this one lists {used.Count:N0}.")));
                return;
            }

            UsedActionRules.Check(used, context, at);
        }).When(activity => activity.UsedActions is not null);
        RuleFor(activity => activity.LastAccessedDetails!).SetValidator(new LastAccessedDetailsValidator()).When(activity => activity.LastAccessedDetails is not null);
    }
}
