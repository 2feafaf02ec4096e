using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;

namespace RefineService.Api.Validation;

/// <summary>
/// Checks an IAM policy document given as a JSON object or a string holding one: what the refinement relies on
/// (Statement, Effect, Action or NotAction) and what IAM itself would refuse (Version, action syntax, characters).
/// Each error names its element by a JSON path under the document's own path.
/// </summary>
internal sealed class PolicyDocumentValidator : AbstractValidator<JsonElement>
{
    private const string Statement = "Statement";

    public PolicyDocumentValidator()
    {
        RuleFor(document => document).Custom((value, context) =>
        {
            var path = context.PropertyPath;
            if (!PolicyDocumentText.TryRead(value, out var document, out var problem))
            {
                context.AddFailure(new ValidationFailure(path, problem));
                return;
            }

            foreach (var (at, message) in Check(document, path))
            {
                context.AddFailure(new ValidationFailure(at, message));
            }
        });
    }

    private static IEnumerable<(string Path, string Message)> Check(JsonElement document, string path)
    {
        // A clean document is scanned without building paths or strings; only one with a fault is walked again to name each.
        if (HasDisallowedCharacters(document))
        {
            foreach (var error in CheckCharacters(document, path))
            {
                yield return error;
            }
        }

        if (document.TryGetProperty("Version", out var version) &&
            (version.ValueKind != JsonValueKind.String || !IamSyntax.Versions.Contains(version.GetString())))
        {
            yield return (JsonPath.Property(path, "Version"), "'Version' must be \"2012-10-17\" (or the older \"2008-10-17\"); leave it out for IAM's default.");
        }

        var statementPath = JsonPath.Property(path, Statement);
        if (!document.TryGetProperty(Statement, out var statements))
        {
            yield return (statementPath, "The document needs a 'Statement': a statement object or an array of them.");
            yield break;
        }

        switch (statements.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var error in CheckStatement(statements, statementPath))
                {
                    yield return error;
                }

                break;
            case JsonValueKind.Array when statements.GetArrayLength() == 0:
                yield return (statementPath, "'Statement' must hold at least one statement.");
                break;
            case JsonValueKind.Array when statements.GetArrayLength() > RequestLimits.MaxStatements:
                yield return (statementPath, string.Create(CultureInfo.InvariantCulture,
                    $"A document may hold at most {RequestLimits.MaxStatements:N0} statements; this one has {statements.GetArrayLength():N0}."));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var statement in statements.EnumerateArray())
                {
                    foreach (var error in CheckStatement(statement, JsonPath.Item(statementPath, index++)))
                    {
                        yield return error;
                    }
                }

                break;
            default:
                yield return (statementPath, $"'Statement' must be a statement object or an array of them; this is {PolicyDocumentText.Describe(statements.ValueKind)}.");
                break;
        }
    }

    private static IEnumerable<(string Path, string Message)> CheckStatement(JsonElement statement, string path)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            yield return (path, $"A statement must be a JSON object; this is {PolicyDocumentText.Describe(statement.ValueKind)}.");
            yield break;
        }

        if (!statement.TryGetProperty("Effect", out var effect) ||
            effect.ValueKind != JsonValueKind.String || effect.GetString() is not ("Allow" or "Deny"))
        {
            yield return (JsonPath.Property(path, "Effect"), "'Effect' must be \"Allow\" or \"Deny\".");
        }

        var hasAction = statement.TryGetProperty("Action", out var action);
        var hasNotAction = statement.TryGetProperty("NotAction", out var notAction);
        if (hasAction == hasNotAction)
        {
            yield return (path, hasAction
                ? "A statement has either 'Action' or 'NotAction', not both."
                : "A statement needs 'Action' or 'NotAction': the actions it allows or denies.");
            yield break;
        }

        var key = hasAction ? "Action" : "NotAction";
        foreach (var error in CheckActions(hasAction ? action : notAction, key, JsonPath.Property(path, key)))
        {
            yield return error;
        }
    }

    private static IEnumerable<(string Path, string Message)> CheckActions(JsonElement actions, string key, string path)
    {
        switch (actions.ValueKind)
        {
            case JsonValueKind.String:
                if (CheckAction(actions) is { } problem)
                {
                    yield return (path, problem);
                }

                break;
            case JsonValueKind.Array when actions.GetArrayLength() == 0:
                yield return (path, $"'{key}' must name at least one action.");
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var entry in actions.EnumerateArray())
                {
                    if (CheckAction(entry) is { } entryProblem)
                    {
                        yield return (JsonPath.Item(path, index), entryProblem);
                    }

                    index++;
                }

                break;
            default:
                yield return (path, $"'{key}' must be an action such as \"s3:GetObject\" or an array of them; this is {PolicyDocumentText.Describe(actions.ValueKind)}.");
                break;
        }
    }

    private static string? CheckAction(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.String)
        {
            return $"An action must be a string such as \"s3:GetObject\"; this is {PolicyDocumentText.Describe(entry.ValueKind)}.";
        }

        Span<char> buffer = stackalloc char[256];
        if (JsonText.TryGetPlainAscii(entry, buffer, out var plain) && IamSyntax.ActionPattern().IsMatch(plain))
        {
            return null;
        }

        var text = entry.GetString()!;
        if (text.Length == 0)
        {
            return "An action must not be empty; write service:action, such as \"s3:GetObject\".";
        }

        if (text.Length > RequestLimits.MaxPatternLength)
        {
            return IamSyntax.TooLong(text);
        }

        return IamSyntax.ActionPattern().IsMatch(text)
            ? null
            : $"'{text}' is not an action: write service:action, such as \"s3:GetObject\" or \"s3:Get*\", or \"*\" for every action.";
    }

    /// <summary>Every key and string value IAM would refuse for its characters, named by its path.</summary>
    private static bool HasDisallowedCharacters(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if ((!JsonText.IsPlainAscii(JsonMarshal.GetRawUtf8PropertyName(property)) && IamSyntax.FirstDisallowedCharacter(property.Name) is not null) ||
                        HasDisallowedCharacters(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HasDisallowedCharacters(item))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                return !JsonText.IsPlainAscii(JsonText.Raw(element)) && IamSyntax.FirstDisallowedCharacter(element.GetString()!) is not null;
            default:
                return false;
        }
    }

    private static IEnumerable<(string Path, string Message)> CheckCharacters(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = JsonPath.Property(path, property.Name);
                    if (Disallowed(property.Name) is { } inName)
                    {
                        yield return (propertyPath, inName);
                    }

                    foreach (var error in CheckCharacters(property.Value, propertyPath))
                    {
                        yield return error;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var error in CheckCharacters(item, JsonPath.Item(path, index++)))
                    {
                        yield return error;
                    }
                }

                break;
            case JsonValueKind.String when Disallowed(element.GetString()!) is { } inValue:
                yield return (path, inValue);
                break;
        }
    }

    private static string? Disallowed(string text) =>
        IamSyntax.FirstDisallowedCharacter(text) is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"The text holds the character U+{(int)c:X4}, which IAM does not allow in a policy (it allows tab, line breaks and U+0020 to U+00FF).")
            : null;
}
