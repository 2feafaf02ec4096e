using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of <c>usedActions</c>: each item an action pattern IAM takes, as a name or <c>{ "action", "lastAccessed" }</c>; our own contract, so other members are refused.</summary>
internal static class UsedActionRules
{
    /// <summary>Each item at fault, at its path; paths and sentences are made only for items at fault, as the list can hold thousands.</summary>
    public static void Check<T>(IReadOnlyList<UsedAction?>? actions, ValidationContext<T> context, string at)
    {
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            var action = actions![i];
            var path = JsonPath.Item(at, i);
            if (action is null || action.Form == UnusedActionForm.Neither)
            {
                context.AddFailure(new ValidationFailure(path, "A used action is a name such as \"s3:GetObject\", or an object whose \"action\" is one, with an optional \"lastAccessed\"."));
                continue;
            }

            foreach (var member in action.UnknownMembers ?? [])
            {
                context.AddFailure(new ValidationFailure(JsonPath.Property(path, member), $"'{member}' is not a member of a used action; its members are 'action' and 'lastAccessed'."));
            }

            if (Problem(action.Action!) is { } problem)
            {
                context.AddFailure(new ValidationFailure(action.Form == UnusedActionForm.Object ? JsonPath.Property(path, "action") : path, problem));
            }

            if (action.LastAccessed?.Problem is { } unreadable)
            {
                context.AddFailure(new ValidationFailure(JsonPath.Property(path, "lastAccessed"), unreadable));
            }
        }
    }

    private static string? Problem(string action) => action switch
    {
        "" => "A used action needs its name, such as \"s3:GetObject\".",
        { Length: > PolicyLimits.MaxPatternLength } => IamSyntax.TooLong(action),
        _ when IamSyntax.IsActionPattern(action) => null,
        _ when !action.Contains(':', StringComparison.Ordinal) => $"'{action}': give the action with its service prefix, such as \"s3:GetObject\".",
        _ => $"'{action}' is not an action IAM takes: \"service:action\", letters, digits and hyphens, with * and ? as wildcards in the action.",
    };
}
