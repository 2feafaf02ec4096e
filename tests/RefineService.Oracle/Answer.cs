using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>A wildcard entry of the original and what the recommendation says replaced it.</summary>
public sealed record Replaced(string Entry, IReadOnlyList<string> With);

/// <summary>What the recommendation says became of one statement.</summary>
public sealed record ChangeRecord(int Index, string Status, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<Replaced> Replaced);

/// <summary>The counts the recommendation gives.</summary>
public sealed record Counts(int Before, int After, IReadOnlyDictionary<string, int> RemovedByAccessLevel);

/// <summary>A recommendation for one policy, in plain values: what the oracle judges.</summary>
public sealed record Answer(JsonNode? RecommendedPolicy, IReadOnlyList<ChangeRecord> Changes, Counts Summary)
{
    /// <summary>Reads one item of the API's <c>recommendations</c>.</summary>
    public static Answer FromApi(JsonNode recommendation) => new(
        recommendation["recommendedPolicy"],
        [.. recommendation["changes"]!.AsArray().Select(c => new ChangeRecord(
            c!["index"]!.GetValue<int>(),
            c["status"]!.GetValue<string>(),
            Strings(c["removed"]),
            Strings(c["added"]),
            [.. c["replaced"]!.AsArray().Select(r => new Replaced(r!["entry"]!.GetValue<string>(), Strings(r["with"])))]))],
        new Counts(
            recommendation["summary"]!["allowedActionsBefore"]!.GetValue<int>(),
            recommendation["summary"]!["allowedActionsAfter"]!.GetValue<int>(),
            recommendation["summary"]!["removedByAccessLevel"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>())));

    private static string[] Strings(JsonNode? list) => [.. list!.AsArray().Select(e => e!.GetValue<string>())];
}
