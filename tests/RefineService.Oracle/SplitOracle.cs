using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>
/// Judges a split of a recommended policy: together the parts hold exactly its statements (a statement may be cut into
/// statements with the same members and parts of its <c>Action</c> list), so they allow exactly what it allows over the
/// whole catalog; and each part is within the limit, counted as IAM counts (characters, white space aside), unless it is
/// one statement that cannot be cut.
/// </summary>
public sealed class SplitOracle(OracleCatalog catalog)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SplitOracle Shipped { get; } = new(OracleCatalog.Shipped);

    /// <summary>The characters of a document IAM counts: its compact JSON without white space.</summary>
    public static int Size(JsonNode document) => document.ToJsonString(Compact).Count(c => !char.IsWhiteSpace(c));

    public IReadOnlyList<string> Judge(JsonNode recommended, IReadOnlyList<JsonNode> parts, int limit)
    {
        var failures = new List<string>();
        var whole = Policy.Read(recommended).Allowed(catalog);
        var together = new bool[catalog.Count];
        foreach (var part in parts)
        {
            var allowed = Policy.Read(part).Allowed(catalog);
            for (var i = 0; i < together.Length; i++)
            {
                together[i] |= allowed[i];
            }
        }

        for (var i = 0; i < whole.Length && failures.Count < 5; i++)
        {
            if (whole[i] != together[i])
            {
                failures.Add($"split: {catalog.Spelled[i]} is allowed by the policy: {whole[i]}, by its parts: {together[i]}");
            }
        }

        var expected = Statements(recommended);
        var given = parts.SelectMany(Statements).ToList();
        var (want, have) = (Grouped(expected), Grouped(given));
        if (want.Count != have.Count || want.Any(w => !have.TryGetValue(w.Key, out var h) || !h.SequenceEqual(w.Value, StringComparer.Ordinal)))
        {
            failures.Add("split: the parts do not hold exactly the policy's statements, cut by their Action lists");
        }

        foreach (var (part, i) in parts.Select((p, i) => (p, i)))
        {
            var size = Size(part);
            var statements = Statements(part);
            var uncuttable = statements.Count == 1 && (statements[0]["NotAction"] is not null || statements[0]["Action"] is not JsonArray { Count: > 1 });
            if (size > limit && !uncuttable)
            {
                failures.Add($"split: part {i} has {size} characters, over the limit of {limit}");
            }

            var sids = statements.Select(s => s["Sid"]?.ToJsonString()).OfType<string>().ToList();
            if (sids.Count != sids.Distinct(StringComparer.Ordinal).Count())
            {
                failures.Add($"split: part {i} holds a Sid twice");
            }
        }

        return failures;
    }

    private static List<JsonObject> Statements(JsonNode document) => document["Statement"] switch
    {
        JsonArray list => [.. list.Select(s => s!.AsObject())],
        JsonObject one => [one],
        _ => [],
    };

    // Statements keyed by everything but their Action list, with the Action entries of all statements of a key in order.
    private static Dictionary<string, List<string>> Grouped(IEnumerable<JsonObject> statements)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            var rest = statement.DeepClone().AsObject();
            var action = rest["Action"];
            rest.Remove("Action");
            var key = rest.ToJsonString();
            if (!groups.TryGetValue(key, out var entries))
            {
                groups[key] = entries = [];
            }

            entries.AddRange(action switch
            {
                JsonArray list => list.Select(e => e!.GetValue<string>()),
                JsonValue one => [one.GetValue<string>()],
                _ => [],
            });
        }

        foreach (var entries in groups.Values)
        {
            entries.Sort(StringComparer.Ordinal);
        }

        return groups;
    }
}
