using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>A wildcard entry of the original and what the recommendation says replaced it.</summary>
public sealed record Replaced(string Entry, IReadOnlyList<string> With);

/// <summary>An entry the recommendation left out because another entry of the statement covers it.</summary>
public sealed record Redundant(string Entry, string CoveredBy);

/// <summary>What the recommendation says became of one statement.</summary>
public sealed record ChangeRecord(int Index, string Status, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<Replaced> Replaced)
{
    /// <summary>The entries left out as redundant.</summary>
    public IReadOnlyList<Redundant> Redundant { get; init; } = [];

    /// <summary>Whether the statement's Action list is said to be written as its NotAction complement.</summary>
    public bool WrittenAsNotAction { get; init; }
}

/// <summary>The counts the recommendation gives.</summary>
public sealed record Counts(int Before, int After, IReadOnlyDictionary<string, int> RemovedByAccessLevel);

/// <summary>A recommendation for one policy, in plain values: what the oracle judges.</summary>
public sealed record Answer(JsonNode? RecommendedPolicy, IReadOnlyList<ChangeRecord> Changes, Counts Summary);
