using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>
/// The rules of a request's <c>options</c>: the age threshold and its instant, the keep list, the access levels, the
/// statements to skip; the same for <c>/v1/recommendations</c> and the accounts endpoint, whose options share them.
/// </summary>
internal sealed class RecommendationOptionsValidator<TOptions> : AbstractValidator<TOptions>
    where TOptions : ContractObject, IUnusedActionFilterOptions
{
    public RecommendationOptionsValidator()
    {
        RuleFor(options => options).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(options => options.UnusedForDays)
            .InclusiveBetween(1, UnusedActionFilterRules.MaxUnusedForDays)
            .WithMessage((_, days) => string.Create(CultureInfo.InvariantCulture,
                $"'unusedForDays' is a number of days from 1 to {UnusedActionFilterRules.MaxUnusedForDays} (ten years); {days} is not. Leave it out to let dates spare nothing."))
            .When(options => options.UnusedForDays is not null);
        RuleFor(options => options.AsOf).Readable();

        RuleFor(options => options.Keep).Custom((patterns, context) => Each(patterns, context, "keep", UnusedActionFilterRules.KeepProblem));
        RuleFor(options => options.AccessLevels).Custom((levels, context) => Each(levels, context, "access level", UnusedActionFilterRules.AccessLevelProblem));
        RuleFor(options => options.SkipStatements).Custom((sids, context) => Each(sids, context, "Sid", sid =>
            sid.Length == 0 ? "A Sid to skip is not empty." : null));
    }

    // Each item of a list of strings: not null, within the request's limit, and without a problem; every fault at its path.
    private static void Each(IReadOnlyList<string?>? items, ValidationContext<TOptions> context, string what, Func<string, string?> problem)
    {
        if (items is null)
        {
            return;
        }

        var at = JsonPath.Rebase(context.PropertyPath, JsonPath.Root);
        if (items.Count > RequestLimits.MaxFilterEntries)
        {
            context.AddFailure(new ValidationFailure(at, string.Create(CultureInfo.InvariantCulture,
                $"At most {RequestLimits.MaxFilterEntries:N0} items can be given here; this list has {items.Count:N0}.")));
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var message = items[i] is { } item ? problem(item) : $"Each item is a string: a {what}.";
            if (message is not null)
            {
                context.AddFailure(new ValidationFailure(JsonPath.Item(at, i), message));
            }
        }
    }
}

/// <summary>The rules of the filter options' values, for both endpoints' options.</summary>
internal static class UnusedActionFilterRules
{
    /// <summary>The longest age threshold: ten years, longer than any AWS service keeps activity data.</summary>
    public const int MaxUnusedForDays = 3650;

    private static readonly string Levels = string.Join(", ", Enum.GetValues<AccessLevel>().Select(l => $"\"{l.ToDisplayName()}\""));

    /// <summary>Why IAM would refuse <paramref name="pattern"/> as an action pattern, or null; a wildcard service prefix (<c>*:Describe*</c>) is taken, as a keep pattern spans services.</summary>
    public static string? KeepProblem(string pattern)
    {
        if (pattern.Length > PolicyLimits.MaxPatternLength)
        {
            return IamSyntax.TooLong(pattern);
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? pattern : pattern[..colon];
        var ofService = service.Replace("*", string.Empty, StringComparison.Ordinal).Replace("?", "a", StringComparison.Ordinal);
        return pattern == "*" || (colon > 0 && (ofService.Length == 0 || IamSyntax.IsActionPattern(ofService + pattern[colon..])))
            ? null
            : $"'{pattern}' is not an action pattern IAM takes: \"service:action\" such as \"iam:PassRole\", with * and ? as wildcards (\"kms:*\", \"*:Describe*\"), or \"*\".";
    }

    /// <summary>Why <paramref name="level"/> is not an access level, or null.</summary>
    public static string? AccessLevelProblem(string level) =>
        AccessLevelNames.TryParse(level, out _) ? null : $"'{level}' is not an access level; use one of {Levels}.";
}
