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
        RuleFor(finding => finding.FindingDetails).Custom((details, context) =>
            FindingDetailRules.Check(details, JsonPath.Rebase(context.PropertyPath, JsonPath.Root), context));
    }
}

/// <summary>
/// The rules of <c>findingDetails</c>: each item a union holding exactly one member Access Analyzer defines, and that member
/// readable. One walk with the paths written out, rather than a validator per item: an account's request holds thousands.
/// </summary>
internal static class FindingDetailRules
{
    /// <summary>The sentence for an item that is not an object.</summary>
    public const string NotAnObject = "Each item of 'findingDetails' must be an object, as Access Analyzer writes them.";

    private static readonly string Members = string.Join(", ", ContractRules.KnownMembers(typeof(FindingDetail)).Select(m => $"'{m}'"));

    public static void Check<T>(IReadOnlyList<FindingDetail?>? details, string path, ValidationContext<T> context)
    {
        for (var i = 0; i < (details?.Count ?? 0); i++)
        {
            var at = JsonPath.Item(path, i);
            if (details![i] is not { } detail)
            {
                context.AddFailure(new ValidationFailure(at, NotAnObject));
                continue;
            }

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

            // The members' paths are made only for a fault: an account's findings hold thousands of them.
            if (detail.UnusedPermissionDetails is { } permission)
            {
                if (UnusedActionNames.ServiceNamespaceProblem(permission.ServiceNamespace) is { } problem)
                {
                    context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Property(at, "unusedPermissionDetails"), "serviceNamespace"), problem));
                }

                Readable(permission.LastAccessed, at, "unusedPermissionDetails", context);
                if (permission.Actions is { Count: > 0 } actions)
                {
                    UnusedActionNames.Check(actions, JsonPath.Property(JsonPath.Property(at, "unusedPermissionDetails"), "actions"), objectsOnly: true, context);
                }
            }

            Readable(detail.UnusedIamRoleDetails?.LastAccessed, at, "unusedIamRoleDetails", context);
            Readable(detail.UnusedIamUserAccessKeyDetails?.LastAccessed, at, "unusedIamUserAccessKeyDetails", context);
            Readable(detail.UnusedIamUserPasswordDetails?.LastAccessed, at, "unusedIamUserPasswordDetails", context);
        }
    }

    private static void Readable<T>(AwsTimestamp? lastAccessed, string item, string member, ValidationContext<T> context)
    {
        if (lastAccessed?.Problem is { } problem)
        {
            context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Property(item, member), "lastAccessed"), problem));
        }
    }
}
