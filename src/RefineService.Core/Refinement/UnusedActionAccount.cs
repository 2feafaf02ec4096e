namespace RefineService.Core.Refinement;

/// <summary>
/// Among the catalog actions one policy allowed, the account of those reported unused: how many each input had removed,
/// how many each filter spared, and, when asked to explain, one trace per action.
/// </summary>
/// <param name="RemovedBy">Removed actions per input that reported them (an action reported by two inputs counts for each).</param>
/// <param name="SparedBy">Spared actions per reason (an action spared for two reasons counts for each).</param>
/// <param name="Traces">With <see cref="RefinementOptions.Explain"/>, every action reported unused that the policy allowed, in catalog order; empty otherwise.</param>
public sealed record UnusedActionAccount(
    IReadOnlyDictionary<UnusedActionSource, int> RemovedBy,
    IReadOnlyDictionary<SpareReason, int> SparedBy,
    IReadOnlyList<UnusedActionTrace> Traces)
{
    /// <summary>The inputs, in the order the answer names them.</summary>
    public static IReadOnlyList<UnusedActionSource> Sources { get; } = [UnusedActionSource.Findings, UnusedActionSource.LastAccessedDetails, UnusedActionSource.UsedActions];

    /// <summary>The reasons to spare, in the order the answer names them.</summary>
    public static IReadOnlyList<SpareReason> Reasons { get; } = [SpareReason.UnusedForDays, SpareReason.Keep, SpareReason.AccessLevels, SpareReason.SkipStatements];

    /// <summary>Nothing reported, nothing removed or spared.</summary>
    public static UnusedActionAccount Empty { get; } = new(
        Sources.ToDictionary(s => s, _ => 0),
        Reasons.ToDictionary(r => r, _ => 0),
        []);
}

/// <summary>Why one action reported unused was removed or spared.</summary>
/// <param name="Action">The action, <c>service:Name</c>.</param>
/// <param name="Removed">Whether the recommendation no longer allows it.</param>
/// <param name="ReportedBy">The inputs that reported it unused.</param>
/// <param name="SparedBy">What spared it; none when removed.</param>
/// <param name="KeptBy">The keep pattern that spared it, if one did.</param>
public sealed record UnusedActionTrace(string Action, bool Removed, UnusedActionSource ReportedBy, SpareReason SparedBy, string? KeptBy);
