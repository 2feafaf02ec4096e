using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of one item of <c>unusedPermissions</c>: a service prefix and action names (or Access Analyzer's action objects).</summary>
internal sealed class UnusedPermissionEntryValidator : AbstractValidator<UnusedPermissionEntry>
{
    public UnusedPermissionEntryValidator()
    {
        RuleFor(permission => permission).Custom(ContractRules.RefuseUnknownMembers);
        RuleFor(permission => permission.ServiceNamespace).ServiceNamespace();
        RuleFor(permission => permission.LastAccessed).Readable();
        RuleFor(permission => permission.Actions).Custom((actions, context) => UnusedActionNames.Check(actions, context));
    }
}

/// <summary>The rules of unused action names and service prefixes, shared by both shapes of findings.</summary>
internal static class UnusedActionNames
{
    private const string NotAServiceNamespace = "'serviceNamespace' must be a service prefix such as \"s3\": lower-case letters, digits and hyphens.";

    public static IRuleBuilderOptions<T, string?> ServiceNamespace<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(prefix => ServiceNamespaceProblem(prefix) is null).WithMessage(NotAServiceNamespace);

    /// <summary>Why <paramref name="prefix"/> is not a service prefix, or null when it is one.</summary>
    public static string? ServiceNamespaceProblem(string? prefix) => prefix is not null && IamSyntax.IsServiceNamespace(prefix) ? null : NotAServiceNamespace;

    /// <summary>Each action that is not a name, at its path; paths and sentences are made only for an action at fault, as findings can list thousands.</summary>
    public static void Check<T>(IReadOnlyList<UnusedAction?>? actions, ValidationContext<T> context) =>
        Check(actions, context.PropertyPath, objectsOnly: false, context);

    /// <summary>The same, for the actions at <paramref name="path"/>; <paramref name="objectsOnly"/> in Access Analyzer's shape, whose actions are objects.</summary>
    public static void Check<T>(IReadOnlyList<UnusedAction?>? actions, string path, bool objectsOnly, ValidationContext<T> context)
    {
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            var action = actions![i];
            if (action is null || action.Form == UnusedActionForm.Neither)
            {
                context.AddFailure(new ValidationFailure(JsonPath.Item(path, i), action is null && objectsOnly
                    ? "An unused action must be an object whose \"action\" is its name, as Access Analyzer writes them."
                    : "An unused action is a name such as \"GetObject\", or an object whose \"action\" is one, as Access Analyzer writes them."));
            }
            else
            {
                if (Problem(action.Action) is { } problem)
                {
                    var item = JsonPath.Item(path, i);
                    context.AddFailure(new ValidationFailure(action.Form == UnusedActionForm.Object ? JsonPath.Property(item, "action") : item, problem));
                }

                if (action.LastAccessed?.Problem is { } unreadable)
                {
                    context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Item(path, i), "lastAccessed"), unreadable));
                }
            }
        }
    }

    /// <summary>Why <paramref name="name"/> is not an action name, or null when it is one.</summary>
    public static string? Problem(string? name) => name switch
    {
        null or "" => "An unused action needs its name, such as \"GetObject\".",
        { Length: > PolicyLimits.MaxPatternLength } => IamSyntax.TooLong(name),
        _ when IamSyntax.IsActionName(name) => null,
        _ when name.Contains(':', StringComparison.Ordinal) => $"'{name}': give the action name without its service prefix, such as \"GetObject\"; the prefix is 'serviceNamespace'.",
        _ => $"'{name}' is not an action name: letters, digits and hyphens, with * and ? as wildcards.",
    };
}
