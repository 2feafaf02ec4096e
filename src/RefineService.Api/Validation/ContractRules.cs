using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>Rules every object of the contract shares: a member it does not define is refused at its path; a timestamp must be readable.</summary>
internal static class ContractRules
{
    /// <summary>Refuses each member of <paramref name="value"/> that its type does not define, naming the member it most likely meant.</summary>
    public static void RefuseUnknownMembers<T>(ContractObject? value, ValidationContext<T> context)
    {
        if (value?.UnknownMembers is not { Count: > 0 } unknown)
        {
            return;
        }

        var known = KnownMembers(value.GetType());
        var at = context.PropertyPath.Length == 0 ? JsonPath.Root : JsonPath.Rebase(context.PropertyPath, JsonPath.Root);
        foreach (var name in unknown.Keys)
        {
            var guess = Closest(name, known);
            context.AddFailure(new ValidationFailure(JsonPath.Property(at, name), guess is null
                ? $"'{name}' is not a member of this object; its members are {string.Join(", ", known.Select(k => $"'{k}'"))}."
                : $"'{name}' is not a member of this object; did you mean '{guess}'?"));
        }
    }

    /// <summary>A timestamp, if given, must be in one of the forms AWS's tools print.</summary>
    public static IRuleBuilderOptions<T, AwsTimestamp?> Readable<T>(this IRuleBuilder<T, AwsTimestamp?> rule) =>
        rule.Must(timestamp => timestamp?.Unreadable is null).WithMessage((_, timestamp) => timestamp!.Value.Problem);

    /// <summary>A principal's ARN, if given, must be one, as Access Analyzer's <c>ResourceArn</c> pattern has it (<c>arn:partition:service:region:account:resource</c>).</summary>
    public static IRuleBuilderOptions<T, string?> Arn<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(arn => arn is null || IsArn(arn))
            .WithMessage((_, arn) => $"'{(arn!.Length > 80 ? arn[..80] + "..." : arn)}' is not an ARN such as \"arn:aws:iam::123456789012:role/my-role\".");

    private static bool IsArn(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal) && text.AsSpan(4).Count(':') >= 4;

    /// <summary>The members the contract defines for <paramref name="type"/>, as the wire spells them.</summary>
    public static IReadOnlyList<string> KnownMembers(Type type) =>
        [.. ApiJsonContext.Default.GetTypeInfo(type)!.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name)];

    // The known member a typo most likely stands for: the same letters in another case, or at most two edits away.
    private static string? Closest(string name, IReadOnlyList<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Min(2, best.Name.Length / 3) ? best.Name : null;
    }

    // Levenshtein's distance; names are short, and only unknown ones are compared.
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
