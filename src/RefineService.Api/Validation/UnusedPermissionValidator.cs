using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;

namespace RefineService.Api.Validation;

/// <summary>The rules of one item of <c>unusedPermissions</c>: a service prefix and action names (or Access Analyzer's action objects).</summary>
internal sealed class UnusedPermissionValidator : AbstractValidator<UnusedPermissionEntry>
{
    public UnusedPermissionValidator()
    {
        RuleFor(permission => permission.ServiceNamespace).ServiceNamespace();

        RuleFor(permission => permission.Actions).Custom((actions, context) =>
        {
            // Paths and strings are made only for an action at fault: findings can list thousands of them.
            for (var i = 0; i < (actions?.Count ?? 0); i++)
            {
                var action = actions![i];
                switch (action.ValueKind)
                {
                    case JsonValueKind.String:
                        if (!UnusedActionNames.IsPlainName(action) && UnusedActionNames.Check(action.GetString()) is { } problem)
                        {
                            context.AddFailure(new ValidationFailure(JsonPath.Item(context.PropertyPath, i), problem));
                        }

                        break;
                    case JsonValueKind.Object when action.TryGetProperty("action", out var name) && name.ValueKind == JsonValueKind.String:
                        if (!UnusedActionNames.IsPlainName(name) && UnusedActionNames.Check(name.GetString()) is { } objectProblem)
                        {
                            context.AddFailure(new ValidationFailure(JsonPath.Property(JsonPath.Item(context.PropertyPath, i), "action"), objectProblem));
                        }

                        break;
                    default:
                        context.AddFailure(new ValidationFailure(JsonPath.Item(context.PropertyPath, i),
                            "An unused action is a name such as \"GetObject\", or an object whose \"action\" is one, as Access Analyzer writes them."));
                        break;
                }
            }
        });
    }
}

/// <summary>The rules of Access Analyzer's <c>unusedPermissionDetails</c>.</summary>
internal sealed class UnusedPermissionDetailsValidator : AbstractValidator<UnusedPermissionDetails>
{
    public UnusedPermissionDetailsValidator()
    {
        RuleFor(details => details.ServiceNamespace).ServiceNamespace();

        RuleForEach(details => details.Actions)
            .NotNull()
            .WithMessage("An unused action must be an object whose \"action\" is its name, as Access Analyzer writes them.");

        RuleForEach(details => details.Actions).Where(action => action is not null).ChildRules(action =>
            action.RuleFor(a => a.Action).Must(name => UnusedActionNames.Check(name) is null)
                .WithMessage(a => UnusedActionNames.Check(a.Action)));
    }
}

/// <summary>The rules of unused action names and service prefixes, shared by both shapes of findings.</summary>
internal static class UnusedActionNames
{
    public static IRuleBuilderOptions<T, string?> ServiceNamespace<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(prefix => prefix is not null && IamSyntax.ServiceNamespace().IsMatch(prefix))
            .WithMessage("'serviceNamespace' must be a service prefix such as \"s3\": lower-case letters, digits and hyphens.");

    /// <summary>Whether <paramref name="name"/> is a valid action name in plain ASCII, checked without allocating.</summary>
    public static bool IsPlainName(JsonElement name)
    {
        Span<char> buffer = stackalloc char[256];
        return JsonText.TryGetPlainAscii(name, buffer, out var text) && text.Length > 0 && !text.Contains(':') && IamSyntax.ActionName().IsMatch(text);
    }

    /// <summary>Why <paramref name="name"/> is not an action name, or null when it is one.</summary>
    public static string? Check(string? name) => name switch
    {
        null or "" => "An unused action needs its name, such as \"GetObject\".",
        { Length: > RequestLimits.MaxPatternLength } => IamSyntax.TooLong(name),
        _ when name.Contains(':', StringComparison.Ordinal) => $"'{name}': give the action name without its service prefix, such as \"GetObject\"; the prefix is 'serviceNamespace'.",
        _ when !IamSyntax.ActionName().IsMatch(name) => $"'{name}' is not an action name: letters, digits and hyphens, with * and ? as wildcards.",
        _ => null,
    };
}
