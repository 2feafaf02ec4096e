using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using RefineService.Core.Catalog;

namespace RefineService.Core.Refinement;

/// <summary>Removes unused actions from a policy document, replacing wildcards by their shortest safe prefixes. Stateless and thread-safe.</summary>
public sealed class Refiner(ActionCatalog catalog)
{
    private const string StatementKey = "Statement";
    private const string ActionKey = "Action";
    private const string NotActionKey = "NotAction";

    public ActionCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>Refines <paramref name="document"/> (left untouched) against <paramref name="unused"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RefinementResult Refine(JsonObject document, UnusedActionSet unused, RefinementOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(unused);
        options ??= RefinementOptions.Default;

        using var before = new AllowedActions(Catalog.Count);
        using var after = new AllowedActions(Catalog.Count);
        var run = new Run(Catalog, unused, options, before, after, cancellationToken);
        var recommended = new JsonObject();
        var statementsLeft = true;
        foreach (var (key, value) in document)
        {
            if (key == StatementKey && value is JsonArray statements)
            {
                var kept = new JsonArray();
                for (var i = 0; i < statements.Count; i++)
                {
                    if (run.Statement(statements[i], i, $"$.{StatementKey}[{i}]") is { } statement)
                    {
                        kept.Add(statement);
                    }
                }

                statementsLeft = kept.Count > 0;
                recommended[key] = kept;
            }
            else if (key == StatementKey && value is JsonObject single)
            {
                var statement = run.Statement(single, 0, $"$.{StatementKey}");
                statementsLeft = statement is not null;
                recommended[key] = statement;
            }
            else
            {
                recommended[key] = value?.DeepClone();
            }
        }

        var result = statementsLeft ? recommended : null;
        var summary = Summarize(before, after);
        var limit = PolicySizeLimits.For(options.Kind);
        var characters = PolicySizeLimits.Measure(result);
        if (characters > limit)
        {
            run.Warnings.Add(new RefinementWarning(
                RefinementWarningCodes.PolicySizeExceeded,
                $"The recommended policy has {characters} characters without white space; IAM allows {limit} for this kind of policy.",
                "$"));
        }

        return new RefinementResult(result, run.Changes, summary, new PolicySize(characters, limit, characters <= limit), run.Warnings);
    }

    private PolicySummary Summarize(AllowedActions before, AllowedActions after)
    {
        var removed = Enum.GetValues<AccessLevel>().ToDictionary(level => level, _ => 0);
        foreach (var index in before.NotIn(after))
        {
            removed[Catalog[index].AccessLevel]++;
        }

        return new PolicySummary(before.Count, after.Count, removed);
    }

    private static bool IsAllow(JsonObject statement) =>
        statement["Effect"] is JsonValue effect && effect.TryGetValue<string>(out var text) && text == "Allow";

    /// <summary>The state of one refinement: its inputs, the changes and warnings so far, what was allowed before and is after.</summary>
    /// <remarks>
    /// What the recommendation allows is collected as it is written: what each kept entry matches, exactly the kept actions of
    /// each replaced entry, everything but the excluded and unused actions for a NotAction statement. The property tests
    /// check by brute force over the catalog that the written document allows exactly that.
    /// </remarks>
    private sealed class Run(
        ActionCatalog catalog,
        UnusedActionSet unused,
        RefinementOptions options,
        AllowedActions before,
        AllowedActions after,
        CancellationToken cancellationToken)
    {
        // The actions an entry matches, reused entry after entry (`*` matches the whole catalog: a large array each time otherwise).
        private readonly List<int> _matches = [];

        public List<StatementChange> Changes { get; } = [];

        public List<RefinementWarning> Warnings { get; } = [];

        /// <summary>The recommended statement, or null when nothing of it is left.</summary>
        public JsonNode? Statement(JsonNode? node, int index, string path)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not JsonObject statement || !IsAllow(statement))
            {
                Changes.Add(new StatementChange(index, Sid(node), StatementStatus.Unchanged, [], [], []));
                return node?.DeepClone();
            }

            var hasAction = statement.ContainsKey(ActionKey);
            var hasNotAction = statement.ContainsKey(NotActionKey);
            if (hasAction == hasNotAction)
            {
                Changes.Add(new StatementChange(index, Sid(node), StatementStatus.Unchanged, [], [], []));
                return statement.DeepClone();
            }

            var key = hasAction ? ActionKey : NotActionKey;
            var original = statement[key];
            var refined = hasAction ? RefineAction(original, $"{path}.{key}") : RefineNotAction(original, $"{path}.{key}");
            var sid = Sid(statement);
            if (refined.Entries.Count == 0)
            {
                Changes.Add(new StatementChange(index, sid, StatementStatus.Removed, refined.Removed, [], refined.Replaced));
                return null;
            }

            var (removed, added) = (refined.Removed, refined.Added);
            if (removed.Count == 0 && added.Count == 0)
            {
                Changes.Add(new StatementChange(index, sid, StatementStatus.Unchanged, [], [], []));
                return statement.DeepClone();
            }

            Changes.Add(new StatementChange(index, sid, StatementStatus.Modified, removed, added, refined.Replaced));
            var copy = new JsonObject();
            foreach (var (name, value) in statement)
            {
                copy[name] = name == key ? Write(refined.Entries, original is JsonArray) : value?.DeepClone();
            }

            return copy;
        }

        private static JsonNode Write(List<JsonNode> entries, bool wasArray) =>
            !wasArray && entries.Count == 1 ? entries[0] : new JsonArray([.. entries]);

        private static string? Sid(JsonNode? statement) =>
            statement is JsonObject o && o["Sid"] is JsonValue v && v.TryGetValue<string>(out var sid) ? sid : null;

        private RefinedEntries RefineAction(JsonNode? value, string path)
        {
            var refined = new RefinedEntries();
            foreach (var (node, entryIndex) in Elements(value))
            {
                var entry = EntryText(node);
                if (entry is null)
                {
                    refined.Keep(node);
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var pattern = ActionPattern.Parse(entry);
                var matches = _matches;
                matches.Clear();
                long steps = 0;
                catalog.MatchIndices(pattern, matches, ref steps);
                var matched = CollectionsMarshal.AsSpan(matches);
                before.AddAll(matched);
                WarnIfUnknown(entry, pattern, matches.Count, path, entryIndex);

                var unknownUnused = MatchesUnknownUnused(pattern);
                if (!unknownUnused && !SortedIndices.Intersects(matched, unused.Indices))
                {
                    after.AddAll(matched);
                    refined.Keep(node);
                    continue;
                }

                var kept = SortedIndices.Except(matched, unused.Indices);
                after.AddAll(kept);
                if (kept.Length == 0)
                {
                    refined.Remove(entry);
                    continue;
                }

                var diagram = options.Explain && options.Wildcards == WildcardMode.Prefix ? new TrieDiagram() : null;
                var replacements = options.Wildcards == WildcardMode.None
                    ? PrefixTrie.FullNames(catalog, kept)
                    : PrefixTrie.ShortestSafePrefixes(catalog, kept, kept, AvoidUnknown(), diagram, cancellationToken);
                refined.Replace(entry, replacements, diagram?.ToMermaid());
            }

            return refined;
        }

        private RefinedEntries RefineNotAction(JsonNode? value, string path)
        {
            var refined = new RefinedEntries();
            var excluded = new List<int>();
            var patterns = new List<ActionPattern>();
            long steps = 0;
            foreach (var (node, entryIndex) in Elements(value))
            {
                refined.Keep(node);
                if (node is JsonValue v && v.TryGetValue<string>(out var entry))
                {
                    var pattern = ActionPattern.Parse(entry);
                    patterns.Add(pattern);
                    var before = excluded.Count;
                    catalog.MatchIndices(pattern, excluded, ref steps);
                    WarnIfUnknown(entry, pattern, excluded.Count - before, path, entryIndex);
                }
            }

            excluded.Sort();
            var excludedSet = excluded.Distinct().ToArray();
            before.AddAllExcept(excludedSet);
            after.AddAllExcept(SortedIndices.Union(excludedSet, unused.Indices));

            var targets = SortedIndices.Except(unused.Indices, excludedSet);
            var additions = targets.Length == 0
                ? []
                : options.Wildcards == WildcardMode.None
                    ? PrefixTrie.FullNames(catalog, targets)
                    : PrefixTrie.ShortestSafePrefixes(catalog, targets, SortedIndices.Union(unused.Indices, excludedSet), avoidUnknown: null, diagram: null, cancellationToken);

            // Unused actions and services the catalog lacks are excluded by name, unless already excluded.
            additions.AddRange(unused.UnknownActions.Where(a => !patterns.Exists(p => p.IsMatch(a))));
            additions.AddRange(unused.UnknownServices.Select(s => s + ":*").Where(a => !patterns.Exists(p => p.IsMatch(a))));
            refined.Append(additions);
            return refined;
        }

        private Func<string, bool>? AvoidUnknown() => unused.UnknownActions.Length == 0 ? null : prefix => unused.HasUnknownStartingWith(prefix);

        private bool MatchesUnknownUnused(ActionPattern pattern)
        {
            foreach (var action in unused.UnknownActions)
            {
                if (pattern.IsMatch(action))
                {
                    return true;
                }
            }

            // A service the catalog lacks has actions nobody can list: a pattern that may match any of them is unsafe.
            foreach (var service in unused.UnknownServices)
            {
                if (pattern.CanMatchActionOf(service))
                {
                    return true;
                }
            }

            return false;
        }

        // The path of a warning is made only when there is one to give: most entries match.
        private void WarnIfUnknown(string entry, ActionPattern pattern, int matchCount, string valuePath, int? index)
        {
            if (matchCount > 0)
            {
                return;
            }

            var path = index is { } i ? $"{valuePath}[{i}]" : valuePath;

            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var service = colon > 0 ? entry[..colon] : entry;
            if (service.AsSpan().IndexOfAny('*', '?') < 0 && !catalog.TryGetService(service, out _))
            {
                Warnings.Add(new RefinementWarning(
                    RefinementWarningCodes.UnknownService,
                    $"The service prefix '{service}' is not in the action catalog.",
                    path));
                return;
            }

            Warnings.Add(new RefinementWarning(
                RefinementWarningCodes.UnknownAction,
                pattern.HasWildcard
                    ? $"The pattern '{entry}' matches no action in the catalog."
                    : $"The action '{entry}' is not in the action catalog.",
                path));
        }

        // The text of an entry; null for anything that is not a string (kept as it is).
        private static string? EntryText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        // The entries of an Action or NotAction value with their place in its array (null: the value is a single entry).
        private static IEnumerable<(JsonNode? Node, int? Index)> Elements(JsonNode? value) => value switch
        {
            JsonArray array => array.Select((node, i) => (node, (int?)i)),
            _ => [(value, null)],
        };
    }
}
