using Microsoft.AspNetCore.Http.Metadata;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Api.Limits;

/// <summary>The limits of what one request may carry; each one broken is a 4xx problem saying which.</summary>
public static class RequestLimits
{
    /// <summary>The largest request body read, 1 MiB; a larger one is answered 413.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The largest body the endpoint of <paramref name="context"/> reads, decompressed: its own limit (whole accounts) or <see cref="MaxBodyBytes"/>.</summary>
    public static long MaxBodyBytesOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The exception handler runs with the endpoint cleared: the limit the body was read against is remembered for it.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } own)
        {
            context.Items[typeof(RequestLimits)] = own;
            return own;
        }

        return context.Items.TryGetValue(typeof(RequestLimits), out var remembered) && remembered is long limit ? limit : MaxBodyBytes;
    }

    /// <summary>How deep objects and arrays may nest in a policy document, counted from the body's root (or from a document string's own).</summary>
    public const int MaxJsonDepth = PolicyLimits.MaxJsonDepth;

    /// <summary>The most statements one policy document may hold.</summary>
    public const int MaxStatements = PolicyLimits.MaxStatements;

    /// <summary>The longest action pattern or unused action name, in characters.</summary>
    public const int MaxPatternLength = PolicyLimits.MaxPatternLength;

    /// <summary>The most unused actions one request may list, over <c>unusedPermissions</c> and <c>findingDetails</c>.</summary>
    public const int MaxUnusedActions = 20_000;

    /// <summary>The most used actions one request may list in <c>usedActions</c>.</summary>
    public const int MaxUsedActions = 20_000;

    /// <summary>The most items of each list of <c>options</c> (<c>keep</c>, <c>accessLevels</c>, <c>skipStatements</c>).</summary>
    public const int MaxFilterEntries = 1_000;

    /// <summary>
    /// The most catalog actions one recommendation request's patterns may have the service examine (see <see cref="ExaminedActions"/>):
    /// a wildcard pattern is compared with every action of its service, so this bounds the work of a request, whatever its
    /// patterns. Set from measured cost: the slowest request it allows stays under 100 ms (docs/hardening.md); nine
    /// <c>"Action": "*"</c> statements fit.
    /// </summary>
    public const int MaxExaminedActions = 200_000;

    /// <summary>
    /// The most catalog actions one expansion request's patterns may match: every action matched is in the answer, so this
    /// bounds the answer's size too (four <c>*</c>, about 4 MB).
    /// </summary>
    public const int MaxExpandedActions = 100_000;
}
