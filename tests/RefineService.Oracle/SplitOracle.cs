using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>
/// Judges a split of a recommended policy: together the parts hold exactly its statements (a statement may be cut into
/// statements with the same members and parts of its <c>Action</c> list, only the first cut keeping its <c>Sid</c>), so
/// they allow exactly what it allows over the whole catalog; an Allow statement with a <c>NotAction</c> list may instead
/// stand as <c>Action</c> lists with its other members that allow exactly the catalog actions it allows and match no name
/// it excludes (a prefix, no name starting so); and each part is within the limit, counted as IAM counts (characters,
/// white space aside), unless it is one statement that cannot be cut: a Deny with a <c>NotAction</c> list, a skipped
/// statement, or a single entry.
/// </summary>
public sealed class SplitOracle(OracleCatalog catalog)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SplitOracle Shipped { get; } = new(OracleCatalog.Shipped);

    /// <summary>The characters of a document IAM counts: its compact JSON without white space.</summary>
    public static int Size(JsonNode document) => document.ToJsonString(Compact).Count(c => !char.IsWhiteSpace(c));

    /// <param name="recommended">The recommended policy.</param>
    /// <param name="parts">Its split.</param>
    /// <param name="limit">The size limit of each part.</param>
    /// <param name="skipped">The Sids of statements the refinement was to leave as they are.</param>
    public IReadOnlyList<string> Judge(JsonNode recommended, IReadOnlyList<JsonNode> parts, int limit, IReadOnlyCollection<string>? skipped = null)
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

        var expected = Grouped(Statements(recommended));
        var given = Grouped(parts.SelectMany(Statements));
        foreach (var key in expected.Keys.Union(given.Keys))
        {
            var want = expected.GetValueOrDefault(key) ?? new Group();
            var have = given.GetValueOrDefault(key) ?? new Group();
            failures.AddRange(Compare(key, want, have));
        }

        foreach (var (part, i) in parts.Select((p, i) => (p, i)))
        {
            var size = Size(part);
            var statements = Statements(part);
            var uncuttable = statements.Count == 1 && (
                statements[0]["NotAction"] is not null && (statements[0]["Effect"]?.GetValue<string>() != "Allow" || (statements[0]["Sid"] is JsonValue sid && skipped?.Contains(sid.GetValue<string>()) == true))
                || statements[0]["Action"] is not JsonArray { Count: > 1 });
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

    // One key's statements in the policy and in its parts: the Action entries are the cuts' together; the NotAction lists stay whole or become Action entries.
    private IEnumerable<string> Compare(string key, Group want, Group have)
    {
        if (!want.Sids.Order(StringComparer.Ordinal).SequenceEqual(have.Sids.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            yield return $"split: the Sids of the statements {key} are [{string.Join(", ", want.Sids)}] in the policy, [{string.Join(", ", have.Sids)}] in its parts";
        }

        // The NotAction lists given whole, and those written as Action entries (the extra entries of the key).
        var rewritten = new List<List<string>>(want.NotActions);
        foreach (var list in have.NotActions)
        {
            var at = rewritten.FindIndex(w => w.SequenceEqual(list, StringComparer.Ordinal));
            if (at < 0)
            {
                yield return $"split: a NotAction statement {key} of the parts is not the policy's";
                yield break;
            }

            rewritten.RemoveAt(at);
        }

        // Both lists are sorted: what the parts hold beyond the policy's Action entries, in one pass.
        var extra = new List<string>();
        var w = 0;
        foreach (var entry in have.Actions)
        {
            if (w < want.Actions.Count && string.Equals(want.Actions[w], entry, StringComparison.Ordinal))
            {
                w++;
            }
            else if (w < want.Actions.Count && string.CompareOrdinal(want.Actions[w], entry) < 0)
            {
                yield return $"split: the parts do not hold the entry {want.Actions[w]} of the statements {key}";
                yield break;
            }
            else
            {
                extra.Add(entry);
            }
        }

        if (w < want.Actions.Count)
        {
            yield return $"split: the parts do not hold the entry {want.Actions[w]} of the statements {key}";
            yield break;
        }

        if (rewritten.Count == 0)
        {
            if (extra.Count > 0)
            {
                yield return $"split: the parts hold entries the statements {key} do not: {string.Join(", ", extra.Take(5))}";
            }

            yield break;
        }

        if (!want.IsAllow)
        {
            yield return $"split: a NotAction statement {key} that does not allow was written as an Action list";
            yield break;
        }

        // Over the catalog, the written entries allow exactly what the NotAction lists allowed.
        var allowedBefore = new bool[catalog.Count];
        foreach (var list in rewritten)
        {
            var excluded = Policy.Matched(catalog, list);
            for (var i = 0; i < allowedBefore.Length; i++)
            {
                allowedBefore[i] |= !excluded[i];
            }
        }

        var allowedAfter = Policy.Matched(catalog, extra);
        for (var i = 0; i < allowedBefore.Length; i++)
        {
            if (allowedBefore[i] != allowedAfter[i])
            {
                yield return $"split: {catalog.Spelled[i]} is allowed by the NotAction statement {key}: {allowedBefore[i]}, by its Action list: {allowedAfter[i]}";
                yield break;
            }
        }

        // Beyond the catalog, no written name or prefix may allow a name the NotAction list excludes (with two lists of the
        // same members, one's entries may allow what the other excludes: only one list is judged so).
        if (rewritten.Count != 1)
        {
            yield break;
        }

        foreach (var entry in extra)
        {
            var star = entry.IndexOfAny(['*', '?']);
            var prefixOnly = star < 0 || (star == entry.Length - 1 && entry[^1] == '*');
            foreach (var excluded in rewritten[0])
            {
                // Two patterns that can match one name agree up to the first wildcard of either: most pairs part there.
                var common = Math.Min(star < 0 ? entry.Length : star, Head(excluded));
                if (!entry.AsSpan(0, common).Equals(excluded.AsSpan(0, common), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // A name or a prefix against every excluded pattern; a pattern with a wildcard inside (compact mode's) against the excluded names.
                var overlaps = star < 0 ? Glob.IsMatch(excluded, entry)
                    : prefixOnly ? Glob.CanMatchSomethingStartingWith(excluded, entry[..^1])
                    : !Glob.HasWildcard(excluded) && Glob.IsMatch(entry, excluded);
                if (overlaps)
                {
                    yield return $"split: the entry {entry} written for the NotAction statement {key} may allow what its {excluded} excludes";
                    yield break;
                }
            }
        }
    }

    private static int Head(string pattern) => pattern.IndexOfAny(['*', '?']) is var at and >= 0 ? at : pattern.Length;

    private static List<JsonObject> Statements(JsonNode document) => document["Statement"] switch
    {
        JsonArray list => [.. list.Select(s => s!.AsObject())],
        JsonObject one => [one],
        _ => [],
    };

    // Statements keyed by everything but their Sid and their Action or NotAction list.
    private static Dictionary<string, Group> Grouped(IEnumerable<JsonObject> statements)
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            var rest = statement.DeepClone().AsObject();
            var action = rest["Action"];
            var notAction = rest["NotAction"];
            var sid = rest["Sid"];
            rest.Remove("Action");
            rest.Remove("NotAction");
            rest.Remove("Sid");
            var key = rest.ToJsonString(Compact);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new Group { IsAllow = statement["Effect"] is JsonValue effect && effect.TryGetValue<string>(out var text) && text == "Allow" };
            }

            if (sid is not null)
            {
                group.Sids.Add(sid.ToJsonString());
            }

            var entries = (action ?? notAction) switch
            {
                JsonArray list => list.Select(e => e!.GetValue<string>()).ToList(),
                JsonValue one => [one.GetValue<string>()],
                _ => [],
            };
            if (notAction is not null)
            {
                entries.Sort(StringComparer.Ordinal);
                group.NotActions.Add(entries);
            }
            else
            {
                group.Actions.AddRange(entries);
            }
        }

        foreach (var group in groups.Values)
        {
            group.Actions.Sort(StringComparer.Ordinal);
        }

        return groups;
    }

    private sealed class Group
    {
        public bool IsAllow { get; init; }

        public List<string> Sids { get; } = [];

        public List<string> Actions { get; } = [];

        public List<List<string>> NotActions { get; } = [];
    }
}
