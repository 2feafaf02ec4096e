using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>
/// The rules of an account's request. What would stop the whole account (no details, truncated pages, unreadable
/// timestamps in the details, an item of <c>findings</c> that is not an object) is a 400 at its path; what concerns one
/// principal (an unknown principal, a finding that breaks the rules, a policy without a default version, a document IAM
/// would refuse) is that principal's own <c>FAILED</c>, so that the rest is answered.
/// </summary>
internal sealed class AccountRecommendationRequestValidator : AbstractValidator<AccountRecommendationRequest>
{
    public AccountRecommendationRequestValidator()
    {
        RuleFor(request => request).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(request => request.Options!).SetValidator(new RecommendationOptionsValidator<AccountRecommendationOptions>()).When(request => request.Options is not null);

        RuleFor(request => request.AuthorizationDetails)
            .NotNull()
            .WithMessage("Give the account's 'authorizationDetails': the output of 'aws iam get-account-authorization-details'.");
        RuleFor(request => request.AuthorizationDetails!).Custom(CheckPages).When(request => request.AuthorizationDetails is not null);

        RuleFor(request => request.Findings)
            .NotEmpty()
            .WithMessage("Give 'findings': the GetFindingV2 answers of the principals to refine, each naming its role or user in 'resource' (or their activity data in 'activity').")
            .When(request => request.Activity is not { Count: > 0 });
        RuleForEach(request => request.Activity)
            .NotNull()
            .WithMessage("Each item of 'activity' is an object: the principal's 'principalArn', with its 'usedActions', its 'lastAccessedDetails', or both.")
            .SetValidator(new PrincipalActivityValidator()!);
        RuleFor(request => request.Activity).Custom(RefuseTwice).When(request => request.Activity is not null);

        // Each finding is read and checked with its principal (AccountRefinement): one that breaks the rules fails that principal alone.
        RuleForEach(request => request.Findings)
            .Must(finding => finding is { Json.ValueKind: JsonValueKind.Object })
            .WithMessage("Each item of 'findings' is a whole GetFindingV2 answer, an object.");
    }

    // A principal named twice is refused: which entry counts would be a guess.
    private static void RefuseTwice(IReadOnlyList<PrincipalActivity?>? activity, ValidationContext<AccountRecommendationRequest> context)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (activity?.Count ?? 0); i++)
        {
            if (activity![i]?.PrincipalArn is { } arn && !seen.TryAdd(arn, i))
            {
                context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Item("$.activity", i), "principalArn"),
                    string.Create(CultureInfo.InvariantCulture, $"'{arn}' has activity data at $.activity[{seen[arn]}] already; give each principal's in one entry.")));
            }
        }
    }

    // Pages must be whole, and their timestamps readable; the rest is read per principal.
    private static void CheckPages(AuthorizationDetailsPages pages, ValidationContext<AccountRecommendationRequest> context)
    {
        const string root = "$.authorizationDetails";
        if (pages.Pages.Count == 0)
        {
            context.AddFailure(new ValidationFailure(root, "'authorizationDetails' holds no page."));
            return;
        }

        for (var i = 0; i < pages.Pages.Count; i++)
        {
            var at = pages.PathOf(root, i);
            if (pages.Pages[i] is not { } page)
            {
                context.AddFailure(new ValidationFailure(at, "Each page of 'authorizationDetails' is an object, as IAM answers it."));
                continue;
            }

            if (page.IsTruncated == true && i == pages.Pages.Count - 1)
            {
                context.AddFailure(new ValidationFailure(JsonPath.Property(at, "IsTruncated"),
                    "The authorization details are truncated ('IsTruncated': true): principals and policies would be missing. Give every page (the AWS CLI joins them unless told not to paginate), or the pages in a list."));
            }

            Timestamps(page.RoleDetailList, JsonPath.Property(at, "RoleDetailList"), context, static r => [("CreateDate", r.CreateDate)]);
            Timestamps(page.UserDetailList, JsonPath.Property(at, "UserDetailList"), context, static u => [("CreateDate", u.CreateDate)]);
            Timestamps(page.GroupDetailList, JsonPath.Property(at, "GroupDetailList"), context, static g => [("CreateDate", g.CreateDate)]);
            Timestamps(page.Policies, JsonPath.Property(at, "Policies"), context, static p => [("CreateDate", p.CreateDate), ("UpdateDate", p.UpdateDate)]);
            for (var p = 0; p < (page.Policies?.Count ?? 0); p++)
            {
                Timestamps(page.Policies![p]?.PolicyVersionList, JsonPath.Property(JsonPath.Item(JsonPath.Property(at, "Policies"), p), "PolicyVersionList"), context, static v => [("CreateDate", v.CreateDate)]);
            }
        }
    }

    private static void Timestamps<T>(IReadOnlyList<T?>? items, string path, ValidationContext<AccountRecommendationRequest> context, Func<T, (string Name, AwsTimestamp? Value)[]> timestamps)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is not { } item)
            {
                context.AddFailure(new ValidationFailure(JsonPath.Item(path, i), "Each item of this list is an object, as IAM answers it."));
                continue;
            }

            foreach (var (name, value) in timestamps(item))
            {
                if (value?.Problem is { } problem)
                {
                    context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Item(path, i), name), problem));
                }
            }
        }
    }
}
