namespace RefineService.Core.Refinement;

/// <summary>
/// What tells which actions are unused: Access Analyzer's findings, IAM's last accessed report, and the actions seen used.
/// Each input reports its own unused actions; an action is reported unused when any input reports it so.
/// </summary>
/// <param name="Findings">The unused actions of Access Analyzer's findings, per service.</param>
/// <param name="UsedActions">Actions seen used; when given, every catalog action none of them covers is reported unused.</param>
/// <param name="LastAccessed">IAM's last accessed report.</param>
public sealed record UsageEvidence(
    IReadOnlyList<UnusedServiceActions> Findings,
    IReadOnlyList<UsedAction>? UsedActions = null,
    LastAccessedReport? LastAccessed = null);
