using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Api.Limits;

/// <summary>The limits of what one request may carry; each one broken is a 4xx problem saying which.</summary>
public static class RequestLimits
{
    /// <summary>The largest request body read, 1 MiB; a larger one is answered 413.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>How deep objects and arrays may nest in a policy document, counted from the body's root (or from a document string's own).</summary>
    public const int MaxJsonDepth = PolicyLimits.MaxJsonDepth;

    /// <summary>The most statements one policy document may hold.</summary>
    public const int MaxStatements = PolicyLimits.MaxStatements;

    /// <summary>The longest action pattern or unused action name, in characters.</summary>
    public const int MaxPatternLength = PolicyLimits.MaxPatternLength;

    /// <summary>The most unused actions one request may list, over <c>unusedPermissions</c> and <c>findingDetails</c>.</summary>
    public const int MaxUnusedActions = 20_000;

    /// <summary>
    /// The most catalog actions one request's patterns may have the service examine (see <see cref="ExaminedActions"/>):
    /// a wildcard pattern is compared with every action of its service, so this bounds the work of a request, whatever its patterns.
    /// </summary>
    public const int MaxExaminedActions = 100_000;
}
