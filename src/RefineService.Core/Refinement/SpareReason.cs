namespace RefineService.Core.Refinement;

/// <summary>Why an action reported unused is not removed.</summary>
[Flags]
public enum SpareReason : byte
{
    None = 0,

    /// <summary>Its input dates its last use within the age threshold.</summary>
    UnusedForDays = 1,

    /// <summary>A pattern of the keep list covers it.</summary>
    Keep = 2,

    /// <summary>Its access level is not among those to remove.</summary>
    AccessLevels = 4,

    /// <summary>The statement that allows it is skipped (by <c>Sid</c>).</summary>
    SkipStatements = 8,
}
