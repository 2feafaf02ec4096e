using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of a whole GetFindingV2 answer: AWS's shape, so members it does not define are tolerated, but its details must be readable.</summary>
internal sealed class FindingValidator : AbstractValidator<Finding>
{
    public FindingValidator()
    {
        RuleFor(finding => finding.FindingDetails)
            .NotNull()
            .WithMessage("A finding holds its 'findingDetails', as GetFindingV2 answers it.");
        RuleFor(finding => finding.Resource).Arn();
        RuleFor(finding => finding.CreatedAt).Readable();
        RuleFor(finding => finding.AnalyzedAt).Readable();
        RuleFor(finding => finding.UpdatedAt).Readable();
        RuleForEach(finding => finding.FindingDetails).NotNull().WithMessage(FindingDetailValidator.NotAnObject).SetValidator(new FindingDetailValidator()!);
    }
}

/// <summary>The rules of one item of <c>findingDetails</c>: a union holding exactly one member Access Analyzer defines.</summary>
internal sealed class FindingDetailValidator : AbstractValidator<FindingDetail>
{
    /// <summary>The sentence for an item that is not an object (null, above all: FluentValidation runs no item validator on a null item).</summary>
    public const string NotAnObject = "Each item of 'findingDetails' must be an object, as Access Analyzer writes them.";

    private static readonly string Members = string.Join(", ", ContractRules.KnownMembers(typeof(FindingDetail)).Select(m => $"'{m}'"));

    public FindingDetailValidator()
    {
        RuleFor(detail => detail).Custom((detail, context) =>
        {
            var at = JsonPath.Rebase(context.PropertyPath, JsonPath.Root);

            var members = detail.Members().ToList();
            if (members.Count == 0)
            {
                var unknown = detail.UnknownMembers?.Keys.Select(k => $"'{k}'").ToList() ?? [];
                context.AddFailure(new ValidationFailure(at, unknown.Count == 0
                    ? $"This item holds no member; an item of 'findingDetails' holds exactly one of {Members}."
                    : $"This item holds {string.Join(", ", unknown)}, which Access Analyzer does not define; an item of 'findingDetails' holds exactly one of {Members}."));
            }
            else if (members.Count > 1)
            {
                context.AddFailure(new ValidationFailure(at,
                    $"This item holds {members.Count} members ({string.Join(", ", members.Select(m => $"'{m}'"))}); an item of 'findingDetails' is a union and holds exactly one. Give each in its own item."));
            }
        });

        RuleFor(detail => detail.UnusedPermissionDetails!).SetValidator(new UnusedPermissionDetailsValidator()).When(d => d.UnusedPermissionDetails is not null);
        RuleFor(detail => detail.UnusedIamRoleDetails!).SetValidator(new LastAccessedValidator<UnusedIamRoleDetails>(d => d.LastAccessed)).When(d => d.UnusedIamRoleDetails is not null);
        RuleFor(detail => detail.UnusedIamUserAccessKeyDetails!).SetValidator(new LastAccessedValidator<UnusedIamUserAccessKeyDetails>(d => d.LastAccessed)).When(d => d.UnusedIamUserAccessKeyDetails is not null);
        RuleFor(detail => detail.UnusedIamUserPasswordDetails!).SetValidator(new LastAccessedValidator<UnusedIamUserPasswordDetails>(d => d.LastAccessed)).When(d => d.UnusedIamUserPasswordDetails is not null);
    }
}

/// <summary>The one rule of the details of an unused role, key or password: its <c>lastAccessed</c>, if given, is a timestamp.</summary>
internal sealed class LastAccessedValidator<T> : AbstractValidator<T>
{
    public LastAccessedValidator(System.Linq.Expressions.Expression<Func<T, AwsTimestamp?>> lastAccessed) => RuleFor(lastAccessed).Readable();
}
