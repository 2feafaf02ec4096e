namespace RefineService.Core.Refinement;

/// <summary>The inputs that report an action unused.</summary>
[Flags]
public enum UnusedActionSource : byte
{
    None = 0,

    /// <summary>Access Analyzer's findings (<c>unusedPermissions</c>, <c>findingDetails</c>, <c>finding</c>).</summary>
    Findings = 1,

    /// <summary>IAM's last accessed report.</summary>
    LastAccessedDetails = 2,

    /// <summary>The actions seen used: the action is none of them.</summary>
    UsedActions = 4,
}
