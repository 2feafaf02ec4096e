namespace RefineService.Api.Contracts;

/// <summary>
/// The options that spare unused actions, the same members with the same meaning wherever they are taken:
/// <c>/v1/recommendations</c> applies them to its policies, the accounts endpoint to every principal's.
/// </summary>
public interface IUnusedActionFilterOptions
{
    /// <summary>An action counts as unused only if never used, or last used more than this many days before <see cref="AsOf"/>.</summary>
    int? UnusedForDays { get; }

    /// <summary>The instant <see cref="UnusedForDays"/> counts back from; default: now.</summary>
    AwsTimestamp? AsOf { get; }

    /// <summary>Action patterns never removed.</summary>
    IReadOnlyList<string?>? Keep { get; }

    /// <summary>Remove only unused actions of these access levels.</summary>
    IReadOnlyList<string?>? AccessLevels { get; }

    /// <summary>The <c>Sid</c>s of statements copied unchanged.</summary>
    IReadOnlyList<string?>? SkipStatements { get; }
}
