using System.Globalization;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Core.Catalog;

/// <summary>
/// How many catalog actions a piece of work has the matcher examine: the measure of a request's work that a limit can
/// bound before any of it is done. A wildcard pattern is compared with every action of its service (<c>ec2:*Vpc?</c> with
/// the 826 of EC2), and a comparison costs in proportion to the pattern's length (<see cref="ActionPattern"/>), so it
/// counts them once for every <see cref="CharactersPerPass"/> characters it has; <c>*</c> counts the whole catalog, and an
/// Allow statement's <c>NotAction</c> <see cref="NotActionPasses"/> times the whole catalog; an exact action name is found
/// by a binary search and counts one.
/// </summary>
public static class ExaminedActions
{
    /// <summary>The pattern length that counts as one pass over the actions it is compared with.</summary>
    public const int CharactersPerPass = 64;

    /// <summary>
    /// How many times an Allow statement's <c>NotAction</c> counts the whole catalog: refining one, with every unused action
    /// it still allows written back as prefixes, measured about 2.5 times the cost of refining a <c>*</c> (docs/hardening.md).
    /// </summary>
    public const int NotActionPasses = 3;

    /// <summary>The catalog actions one pattern of a policy is compared with.</summary>
    public static long OfPattern(ActionCatalog catalog, string pattern)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return 1;
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        // A wildcard in the service prefix (a keep pattern's "*:Describe*") is compared with every action of the catalog.
        var actions = colon < 0 || pattern.AsSpan(0, colon).IndexOfAny('*', '?') >= 0 ? catalog.Count
            : catalog.TryGetService(pattern.AsSpan(0, colon), out var service) ? service.ActionCount : 0;
        return Passes(pattern) * Math.Max(1, actions);
    }

    /// <summary>The work of refining <paramref name="document"/>: its Allow statements' entries (the others are copied as they are).</summary>
    public static long OfDocument(ActionCatalog catalog, PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(document);
        long total = 0;
        foreach (var statement in document.Statements)
        {
            if (statement.Effect != PolicyEffect.Allow)
            {
                continue;
            }

            total += statement.IsNotAction ? (long)NotActionPasses * catalog.Count : 0;
            foreach (var entry in statement.Entries)
            {
                total += OfPattern(catalog, entry);
            }
        }

        return total;
    }

    /// <summary>The work of resolving one service's unused actions: no names is the whole service; a wildcard name is compared with every action of the service.</summary>
    public static long OfUnused(ActionCatalog catalog, UnusedServiceActions unused)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(unused);
        var serviceSize = catalog.TryGetService(unused.ServiceNamespace, out var service) ? service.ActionCount : 0;
        if (unused.Actions is not { Count: > 0 } names)
        {
            return Math.Max(1, serviceSize);
        }

        long total = 0;
        foreach (var name in names)
        {
            total += name.AsSpan().IndexOfAny('*', '?') >= 0 ? Passes(name) * Math.Max(1, serviceSize) : 1L;
        }

        return total;
    }

    /// <summary>The sentence for work over <paramref name="limit"/>, saying how patterns count.</summary>
    public static string TooMany(ActionCatalog catalog, long examined, long limit)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var s3 = catalog.TryGetService("s3", out var service) ? service.ActionCount : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"The patterns of this request would have the service examine {examined:N0} catalog actions; one request may examine at most " +
            $"{limit:N0}. A wildcard pattern counts the actions of its service (\"s3:Get*\" the {s3} of s3) " +
            $"once for every {CharactersPerPass} characters it has; \"*\" counts the whole catalog ({catalog.Count:N0}) and an Allow statement with NotAction " +
            $"{NotActionPasses} times as much; " +
            $"an exact action counts one. Send them in several requests.");
    }

    private static long Passes(string pattern) => (pattern.Length + CharactersPerPass - 1) / CharactersPerPass;
}
