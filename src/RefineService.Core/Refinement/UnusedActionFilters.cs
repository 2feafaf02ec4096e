using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>What spares an action reported unused: an age threshold, a keep list, access levels, statements left alone.</summary>
/// <param name="UnusedForDays">An action counts as unused only if never used or last used more than this many days before <paramref name="AsOf"/>; null: any date counts as the input says.</param>
/// <param name="AsOf">The instant the threshold counts back from; the engine has no clock, so the caller says (required with <paramref name="UnusedForDays"/>).</param>
/// <param name="Keep">Action patterns never removed (<c>iam:PassRole</c>, <c>kms:*</c>, <c>*:Describe*</c>).</param>
/// <param name="AccessLevels">Only unused actions of these levels are removed; null: every level.</param>
/// <param name="SkipStatements">The <c>Sid</c>s of statements copied unchanged.</param>
public sealed record UnusedActionFilters(
    int? UnusedForDays = null,
    DateTimeOffset? AsOf = null,
    IReadOnlyList<string>? Keep = null,
    IReadOnlySet<AccessLevel>? AccessLevels = null,
    IReadOnlyList<string>? SkipStatements = null)
{
    /// <summary>Nothing is spared.</summary>
    public static UnusedActionFilters None { get; } = new();

    /// <summary>The last instant of use that still counts as unused: more than <see cref="UnusedForDays"/> days before <see cref="AsOf"/>.</summary>
    internal DateTimeOffset? Cutoff => UnusedForDays is { } days
        ? (AsOf ?? throw new InvalidOperationException("An age threshold needs the instant it counts back from (AsOf).")).AddDays(-days)
        : null;

    /// <summary>Whether a use at <paramref name="lastAccessed"/> (null: never) leaves the action unused.</summary>
    internal static bool IsStale(DateTimeOffset? lastAccessed, DateTimeOffset? cutoff) => lastAccessed is not { } at || (cutoff is { } before && at < before);
}
