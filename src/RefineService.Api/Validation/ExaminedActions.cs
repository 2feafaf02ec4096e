using System.Globalization;
using System.Text.Json;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Catalog;

namespace RefineService.Api.Validation;

/// <summary>
/// How many catalog actions a request's patterns have the service examine, the measure of a request's work that
/// <see cref="RequestLimits.MaxExaminedActions"/> bounds. A wildcard pattern is compared with every
/// action of its service (<c>ec2:*Vpc?</c> with the 826 of EC2), and a comparison costs in proportion to the pattern's
/// length, so it counts them once for every <see cref="CharactersPerPass"/> characters it has; <c>*</c> and an Allow
/// statement's <c>NotAction</c> count the whole catalog; an exact action name is found by a binary search and counts one.
/// </summary>
/// <remarks>Counted from the request as given, before any work; elements that are not what they should be count nothing (validation refuses them).</remarks>
internal static class ExaminedActions
{
    /// <summary>The pattern length that counts as one pass over the actions it is compared with.</summary>
    public const int CharactersPerPass = 64;

    /// <summary>The work of a recommendation request: every policy's Allow statements and every unused action.</summary>
    public static long Of(ActionCatalog catalog, RecommendationRequest request)
    {
        long total = 0;
        if (request.Policy is { } single)
        {
            total += OfDocument(catalog, single);
        }

        foreach (var policy in request.Policies ?? [])
        {
            if (policy?.Document is { } document)
            {
                total += OfDocument(catalog, document);
            }
        }

        foreach (var permission in request.UnusedPermissions ?? [])
        {
            total += OfUnused(catalog, permission?.ServiceNamespace, permission?.Actions?.Select(NameOf));
        }

        foreach (var detail in request.FindingDetails ?? [])
        {
            if (detail?.UnusedPermissionDetails is { } unused)
            {
                total += OfUnused(catalog, unused.ServiceNamespace, unused.Actions?.Select(a => a?.Action));
            }
        }

        return total;
    }

    /// <summary>The work of expanding <paramref name="patterns"/>.</summary>
    public static long Of(ActionCatalog catalog, IEnumerable<string?> patterns) =>
        patterns.Sum(pattern => pattern is null ? 0 : OfPattern(catalog, pattern));

    /// <summary>The message for a request over the limit, saying how patterns count.</summary>
    public static string TooMany(ActionCatalog catalog, long examined) => string.Create(CultureInfo.InvariantCulture,
        $"The patterns of this request would have the service examine {examined:N0} catalog actions; one request may examine at most " +
        $"{RequestLimits.MaxExaminedActions:N0}. A wildcard pattern counts the actions of its service (\"s3:Get*\" the {Size(catalog, "s3")} of s3) " +
        $"once for every {CharactersPerPass} characters it has; \"*\" and an Allow statement with NotAction count the whole catalog ({catalog.Count:N0}); " +
        $"an exact action counts one. Send them in several requests.");

    private static int Size(ActionCatalog catalog, string prefix) => catalog.TryGetService(prefix, out var service) ? service.ActionCount : 0;

    /// <summary>The catalog actions one pattern of a policy is compared with.</summary>
    public static long OfPattern(ActionCatalog catalog, string pattern)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return 1;
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var actions = colon < 0 ? catalog.Count : catalog.TryGetService(pattern.AsSpan(0, colon), out var service) ? service.ActionCount : 0;
        return Passes(pattern) * Math.Max(1, actions);
    }

    private static long Passes(string pattern) => (pattern.Length + CharactersPerPass - 1) / CharactersPerPass;

    private static long OfDocument(ActionCatalog catalog, JsonElement value)
    {
        if (!PolicyDocumentText.TryRead(value, out var document, out _) || !document.TryGetProperty("Statement", out var statements))
        {
            return 0;
        }

        return statements.ValueKind switch
        {
            JsonValueKind.Object => OfStatement(catalog, statements),
            JsonValueKind.Array => statements.EnumerateArray().Sum(statement => OfStatement(catalog, statement)),
            _ => 0,
        };
    }

    // The engine rewrites Allow statements only; the others are copied as they are.
    private static long OfStatement(ActionCatalog catalog, JsonElement statement)
    {
        if (statement.ValueKind != JsonValueKind.Object ||
            !statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String || !effect.ValueEquals("Allow"))
        {
            return 0;
        }

        if (statement.TryGetProperty("NotAction", out var notAction))
        {
            return catalog.Count + OfEntries(catalog, notAction);
        }

        return statement.TryGetProperty("Action", out var action) ? OfEntries(catalog, action) : 0;
    }

    private static long OfEntries(ActionCatalog catalog, JsonElement entries) => entries.ValueKind switch
    {
        JsonValueKind.String => OfPattern(catalog, entries.GetString()!),
        JsonValueKind.Array => entries.EnumerateArray().Sum(entry => entry.ValueKind == JsonValueKind.String ? OfPattern(catalog, entry.GetString()!) : 0),
        _ => 0,
    };

    // No actions: the whole service is unused. A wildcard name is compared with every action of the service.
    private static long OfUnused(ActionCatalog catalog, string? serviceNamespace, IEnumerable<string?>? actions)
    {
        var serviceSize = serviceNamespace is not null && catalog.TryGetService(serviceNamespace, out var service) ? service.ActionCount : 0;
        var names = actions?.ToList();
        if (names is not { Count: > 0 })
        {
            return Math.Max(1, serviceSize);
        }

        return names.Sum(name => name is not null && name.AsSpan().IndexOfAny('*', '?') >= 0 ? Passes(name) * Math.Max(1, serviceSize) : 1L);
    }

    private static string? NameOf(JsonElement action) => action.ValueKind switch
    {
        JsonValueKind.String => action.GetString(),
        JsonValueKind.Object when action.TryGetProperty("action", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
        _ => null,
    };
}
