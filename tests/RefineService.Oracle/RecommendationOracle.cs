using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>
/// Judges a recommendation against what it must be: for every catalog action, and every unused action the catalog lacks,
/// the recommendation allows it if and only if the original allowed it and it is not unused; its counts are those of the
/// two documents; its change records say what changed; and every entry it wrote is a least general one: a node of the
/// word trie that covers only wanted actions, whose parent does not.
/// </summary>
public sealed class RecommendationOracle(OracleCatalog catalog)
{
    private static readonly string[] Probes = ["", "a", "Get", "ListThings", "DescribeZ9", "BrandNewAction"];
    private static readonly string[] AccessLevels = ["List", "Read", "Write", "Permissions management", "Tagging"];
    private readonly HashSet<string> _nodes = Words.TrieNodes(catalog);

    /// <summary>The oracle over the shipped catalog.</summary>
    public static RecommendationOracle Shipped { get; } = new(OracleCatalog.Shipped);

    /// <summary>Everything wrong with <paramref name="answer"/> as the recommendation for <paramref name="original"/>; empty when it is right.</summary>
    /// <param name="newWildcards">Whether the refinement may write new wildcards (<c>"wildcards": "prefix"</c>).</param>
    /// <param name="compact">Whether the original entries another entry covers had to go too (<c>"compact": true</c>).</param>
    /// <param name="fewestCharacters">Whether replacements are judged by compact mode's rule (<c>"wildcards": "compact"</c>) rather than least generality.</param>
    /// <param name="notAction">Whether a statement that allowed every action may be written as a NotAction (<c>"fit": "notAction"</c>).</param>
    public IReadOnlyList<string> Judge(JsonNode? original, UnusedActions unused, Answer answer, bool newWildcards, bool compact = false, bool fewestCharacters = false, bool notAction = false)
    {
        var failures = new List<string>();
        var before = Policy.Read(original);
        var after = Policy.Read(answer.RecommendedPolicy);
        var allowedBefore = before.Allowed(catalog);
        var allowedAfter = after.Allowed(catalog);

        // Exactness over the whole catalog: what a skipped statement allows stays allowed.
        bool Skipped(PolicyStatement s) => s.Sid is { } sid && unused.SkipStatements.Contains(sid);
        var allowedBySkipped = before.Allowed(catalog, Skipped);
        for (var i = 0; i < catalog.Count && failures.Count < 10; i++)
        {
            var expected = allowedBefore[i] && (!unused.Contains(i) || allowedBySkipped[i]);
            if (expected != allowedAfter[i])
            {
                failures.Add($"{catalog.Spelled[i]}: must be allowed={expected}, the recommendation allows={allowedAfter[i]}");
            }
        }

        // Names the catalog lacks: unused ones never allowed; a literal the policy names and nobody reported stays.
        foreach (var name in UnusedUnknownNames(before, unused))
        {
            if (after.Allows(name) && !before.Statements.OfType<PolicyStatement>().Any(s => Skipped(s) && s.Allows(name)))
            {
                failures.Add($"{name}: unused (not in the catalog) but the recommendation allows it");
            }
        }

        foreach (var name in before.Statements.OfType<PolicyStatement>().Where(s => s.IsAllow && !s.IsNotAction).SelectMany(s => s.Entries)
            .Where(e => !Glob.HasWildcard(e) && !catalog.Contains(e) && !unused.Contains(e)))
        {
            if (!after.Allows(name))
            {
                failures.Add($"{name}: allowed, not in the catalog and not unused, but the recommendation dropped it");
            }
        }

        failures.AddRange(JudgeCounts(allowedBefore, allowedAfter, answer.Summary));
        failures.AddRange(JudgeStatements(original, before, after, unused, answer, newWildcards, compact, fewestCharacters, notAction));
        return failures;
    }

    /// <summary>Unused names the catalog lacks: those reported by name, and a sample of every wholly unused service it lacks.</summary>
    private List<string> UnusedUnknownNames(Policy before, UnusedActions unused)
    {
        var names = unused.Names.Where(n => !catalog.Contains(n)).ToList();
        foreach (var service in unused.WholeServices.Where(s => !catalog.Services.Contains(s)))
        {
            names.AddRange(Probes.Select(p => service + ":" + p));
            names.AddRange(before.Statements.OfType<PolicyStatement>().SelectMany(s => s.Entries)
                .Where(e => !Glob.HasWildcard(e) && e.StartsWith(service + ":", StringComparison.OrdinalIgnoreCase)));
        }

        return names;
    }

    private IEnumerable<string> JudgeCounts(bool[] before, bool[] after, Counts counts)
    {
        var removed = AccessLevels.ToDictionary(level => level, _ => 0);
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] && !after[i])
            {
                removed[catalog.AccessLevels[i]]++;
            }
        }

        if (counts.Before != before.Count(a => a))
        {
            yield return $"summary: allowed before is {counts.Before}, the original allows {before.Count(a => a)} catalog actions";
        }

        if (counts.After != after.Count(a => a))
        {
            yield return $"summary: allowed after is {counts.After}, the recommendation allows {after.Count(a => a)} catalog actions";
        }

        foreach (var (level, count) in removed)
        {
            if (counts.RemovedByAccessLevel.GetValueOrDefault(level, -1) != count)
            {
                yield return $"summary: removed {level} is {counts.RemovedByAccessLevel.GetValueOrDefault(level, -1)}, the documents differ by {count}";
            }
        }

        foreach (var level in counts.RemovedByAccessLevel.Keys.Except(AccessLevels))
        {
            yield return $"summary: '{level}' is no access level";
        }
    }

    private IEnumerable<string> JudgeStatements(JsonNode? original, Policy before, Policy after, UnusedActions unused, Answer answer, bool newWildcards, bool compact, bool fewestCharacters, bool notAction)
    {
        if (answer.Changes.Count != before.Statements.Count)
        {
            yield return $"changes: {answer.Changes.Count} records for {before.Statements.Count} statements";
            yield break;
        }

        var kept = 0;
        for (var i = 0; i < before.Statements.Count; i++)
        {
            var change = answer.Changes[i];
            if (change.Index != i)
            {
                yield return $"changes[{i}]: index {change.Index}";
            }

            var statement = before.Statements[i];
            if (statement?.Sid is { } sid && unused.SkipStatements.Contains(sid))
            {
                if (change.Status != "skipped" || kept >= after.Statements.Count
                    || !JsonNode.DeepEquals(StatementNode(original, i), StatementNode(answer.RecommendedPolicy, kept)))
                {
                    yield return $"Statement[{i}]: its Sid '{sid}' is skipped, so it must be copied as it is with status skipped (status {change.Status})";
                }

                kept++;
                continue;
            }

            if (change.Status == "removed")
            {
                if (statement is not { IsAllow: true })
                {
                    yield return $"Statement[{i}] removed although it is no Allow statement with actions";
                }

                foreach (var failure in JudgeEntries(i, statement, null, unused, change, newWildcards, compact, fewestCharacters))
                {
                    yield return failure;
                }

                continue;
            }

            if (kept >= after.Statements.Count)
            {
                yield return $"Statement[{i}]: not removed, but the recommendation has only {after.Statements.Count} statements";
                yield break;
            }

            var refined = after.Statements[kept++];
            if (statement is null || !statement.IsAllow)
            {
                if (change.Status != "unchanged" || !JsonNode.DeepEquals(StatementNode(original, i), StatementNode(answer.RecommendedPolicy, kept - 1)))
                {
                    yield return $"Statement[{i}]: a Deny statement or one without a single action list must stay as it is";
                }

                continue;
            }

            var inverted = !statement.IsNotAction && refined?.IsNotAction == true;
            if (inverted != change.WrittenAsNotAction)
            {
                yield return $"Statement[{i}]: written as {(refined?.IsNotAction == true ? "NotAction" : "Action")}, but the change record says writtenAsNotAction={change.WrittenAsNotAction}";
            }

            var judged = inverted
                ? JudgeInverted(i, statement, refined!, unused, change, notAction, compact)
                : JudgeEntries(i, statement, refined, unused, change, newWildcards, compact, fewestCharacters);
            foreach (var failure in judged)
            {
                yield return failure;
            }

            var originalNode = StatementNode(original, i)!.AsObject();
            if (JudgeShape(inverted ? Renamed(originalNode, "Action", "NotAction") : originalNode, StatementNode(answer.RecommendedPolicy, kept - 1)!.AsObject(), refined?.IsNotAction == true ? "NotAction" : "Action") is { } shape)
            {
                yield return $"Statement[{i}]: {shape}";
            }
        }

        if (Document(answer.RecommendedPolicy) is JsonObject recommended && Document(original) is JsonObject document
            && JudgeShape(document, recommended, "Statement") is { } outer)
        {
            yield return $"the document: {outer}";
        }

        if (kept != after.Statements.Count)
        {
            yield return $"the recommendation has {after.Statements.Count} statements, {kept} of the original are left";
        }
    }

    private IEnumerable<string> JudgeEntries(int index, PolicyStatement? statement, PolicyStatement? refined, UnusedActions unused, ChangeRecord change, bool newWildcards, bool compact, bool fewestCharacters)
    {
        var originalEntries = statement?.Entries ?? [];
        var refinedEntries = refined?.Entries ?? [];
        var added = Without(refinedEntries, originalEntries);
        var removed = Without(originalEntries, refinedEntries);
        foreach (var failure in JudgeRedundancy(index, originalEntries, refinedEntries, added, change, compact))
        {
            yield return failure;
        }

        if (refinedEntries.Distinct(StringComparer.OrdinalIgnoreCase).Count() != refinedEntries.Count)
        {
            yield return $"Statement[{index}]: an entry appears twice: {string.Join(", ", refinedEntries)}";
        }

        foreach (var (what, said, actual) in new[] { ("added", change.Added, added), ("removed", change.Removed, removed) })
        {
            var notSo = Without(said, actual);
            var unsaid = Without(actual, said);
            if (notSo.Count + unsaid.Count > 0)
            {
                yield return $"changes[{index}].{what}: lists [{string.Join(", ", notSo)}] wrongly and lacks [{string.Join(", ", unsaid)}]";
            }
        }

        var status = refined is null ? "removed" : added.Count + removed.Count == 0 ? "unchanged" : "modified";
        if (change.Status != status)
        {
            yield return $"changes[{index}]: status {change.Status}, but the statement is {status}";
        }

        if (statement is null)
        {
            yield break;
        }

        if (statement.IsNotAction)
        {
            foreach (var failure in JudgeNotActionAdditions(index, statement, added, unused, newWildcards))
            {
                yield return failure;
            }

            yield break;
        }

        var written = refinedEntries.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var accounted = change.Replaced.SelectMany(r => r.With).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Compact mode chooses a statement's replacements together: each may match anything the statement still allows.
        var statementMatched = Policy.Matched(catalog, originalEntries);
        bool StatementAllows(int i) => statementMatched[i] && !unused.Contains(i);
        foreach (var entry in added.Where(e => !accounted.Contains(e)))
        {
            yield return $"Statement[{index}]: '{entry}' is new but replaces no entry";
        }

        foreach (var replaced in change.Replaced)
        {
            if (!originalEntries.Contains(replaced.Entry, StringComparer.Ordinal))
            {
                yield return $"changes[{index}]: '{replaced.Entry}' is no entry of the statement";
                continue;
            }

            var matched = Policy.Matched(catalog, [replaced.Entry]);
            var wanted = Enumerable.Range(0, catalog.Count).Where(i => matched[i] && !unused.Contains(i)).ToHashSet();
            // Replacements another entry of the statement already wrote are not written twice, so what they cover is judged
            // together with every entry of the refined statement.
            var covered = new HashSet<int>();
            foreach (var with in replaced.With)
            {
                var problem = fewestCharacters ? JudgeFewestCharacters(with, StatementAllows, unused) : JudgeWritten(with, wanted.Contains, unused, newWildcards, covered);
                if (problem is not null)
                {
                    yield return $"Statement[{index}]: {replaced.Entry} => {with}: {problem}";
                }
                else if (!written.Contains(with))
                {
                    yield return $"Statement[{index}]: {replaced.Entry} => {with}, which the statement does not hold";
                }
            }

            var statementCovers = Policy.Matched(catalog, refinedEntries);
            var uncovered = wanted.Where(i => !statementCovers[i]).Take(3).ToList();
            if (uncovered.Count > 0)
            {
                yield return $"Statement[{index}]: {replaced.Entry} allowed {string.Join(", ", uncovered.Select(i => catalog.Spelled[i]))}, which are used, and the statement lost them";
            }
        }
    }

    /// <summary>
    /// A statement written as a NotAction in place of its Action list: only with <c>"fit": "notAction"</c>, only where the
    /// original allowed every action name (a NotAction allows every name it does not list, so it allows no name the
    /// original did not); its entries exclude only unused actions and never a name the catalog lacks that the original
    /// lists and nobody reported (which of the catalog's actions it allows the whole-catalog check judges); its change
    /// record lists the original entries as removed and the NotAction's as added, with nothing redundant among them.
    /// </summary>
    private IEnumerable<string> JudgeInverted(int index, PolicyStatement statement, PolicyStatement refined, UnusedActions unused, ChangeRecord change, bool notAction, bool compact)
    {
        if (!notAction)
        {
            yield return $"Statement[{index}]: written as a NotAction, but fit is not notAction";
        }

        if (!statement.Entries.Any(e => Cover.Covers(e, "*:*")))
        {
            yield return $"Statement[{index}]: written as a NotAction, but the original did not allow every action ([{string.Join(", ", statement.Entries)}])";
        }

        foreach (var failure in JudgeRedundancy(index, [], refined.Entries, [.. refined.Entries], change, compact))
        {
            yield return failure;
        }

        if (refined.Entries.Distinct(StringComparer.OrdinalIgnoreCase).Count() != refined.Entries.Count)
        {
            yield return $"Statement[{index}]: an entry appears twice: {string.Join(", ", refined.Entries)}";
        }

        if (!change.Removed.SequenceEqual(Without(statement.Entries, refined.Entries), StringComparer.OrdinalIgnoreCase)
            || !change.Added.SequenceEqual(Without(refined.Entries, statement.Entries), StringComparer.OrdinalIgnoreCase)
            || change.Status != "modified" || change.Replaced.Count > 0)
        {
            yield return $"changes[{index}]: a statement written as a NotAction is modified, removes the original entries and adds the NotAction's, replacing none";
        }

        var allowedUnknown = statement.Entries.Where(e => !Glob.HasWildcard(e) && !catalog.Contains(e) && !unused.Contains(e)).ToList();
        foreach (var entry in refined.Entries)
        {
            var excludes = Policy.Matched(catalog, [entry]);
            var used = Enumerable.Range(0, catalog.Count).Where(i => excludes[i] && !unused.Contains(i)).Take(3).ToList();
            if (used.Count > 0)
            {
                yield return $"Statement[{index}] NotAction {entry}: excludes {string.Join(", ", used.Select(i => catalog.Spelled[i]))}, which are not unused";
            }

            foreach (var name in allowedUnknown.Where(n => Glob.IsMatch(entry, n)))
            {
                yield return $"Statement[{index}] NotAction {entry}: excludes {name}, which the original allowed and nobody reported unused";
            }
        }
    }

    private static JsonObject Renamed(JsonObject statement, string from, string to)
    {
        var renamed = new JsonObject();
        foreach (var (key, value) in statement)
        {
            renamed[key == from ? to : key] = value?.DeepClone();
        }

        return renamed;
    }

    /// <summary>
    /// No entry the refinement wrote (with <paramref name="compact"/>, no entry at all) is covered by another entry of the
    /// statement, for every name; each entry said to be left out as redundant is covered by one the statement holds, so
    /// leaving it out changes nothing allowed; and without <paramref name="compact"/> no original entry is left out so.
    /// </summary>
    private static IEnumerable<string> JudgeRedundancy(int index, IReadOnlyList<string> originalEntries, IReadOnlyList<string> refinedEntries, List<string> added, ChangeRecord change, bool compact)
    {
        var mayGo = compact ? refinedEntries : added;

        // Only an entry whose text before its first wildcard begins the other's can cover it: the rest are not walked.
        var byStart = refinedEntries.ToLookup(LiteralStart, StringComparer.Ordinal);
        foreach (var entry in mayGo)
        {
            var start = LiteralStart(entry);
            var by = Enumerable.Range(0, start.Length + 1).SelectMany(length => byStart[start[..length]])
                .FirstOrDefault(other => !string.Equals(other, entry, StringComparison.OrdinalIgnoreCase) && Cover.Covers(other, entry));
            if (by is not null)
            {
                yield return $"Statement[{index}]: '{entry}' is redundant: '{by}' covers it";
            }
        }

        var written = refinedEntries.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var redundant in change.Redundant)
        {
            if (written.Contains(redundant.Entry))
            {
                yield return $"Statement[{index}]: '{redundant.Entry}' is said to be redundant but is written";
            }

            if (!written.Contains(redundant.CoveredBy))
            {
                yield return $"Statement[{index}]: '{redundant.Entry}' is said to be covered by '{redundant.CoveredBy}', which the statement does not hold";
            }
            else if (!Cover.Covers(redundant.CoveredBy, redundant.Entry))
            {
                yield return $"Statement[{index}]: '{redundant.CoveredBy}' does not cover '{redundant.Entry}' for every name";
            }

            if (!compact && originalEntries.Contains(redundant.Entry, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"Statement[{index}]: the original entry '{redundant.Entry}' was left out, but compact is off";
            }
        }
    }

    private static string LiteralStart(string entry)
    {
        var lower = entry.ToLowerInvariant();
        var wildcard = lower.AsSpan().IndexOfAny('*', '?');
        return wildcard < 0 ? lower : lower[..wildcard];
    }

    private IEnumerable<string> JudgeNotActionAdditions(int index, PolicyStatement statement, List<string> added, UnusedActions unused, bool newWildcards)
    {
        var excluded = Policy.Matched(catalog, statement.Entries);

        // A NotAction addition must exclude only what is unused or already excluded; the parent of a prefix would exclude more.
        bool MayExclude(int i) => excluded[i] || unused.Contains(i);
        var covered = new HashSet<int>();
        foreach (var entry in added)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !catalog.Services.Contains(entry[..colon].ToLowerInvariant()))
            {
                continue;
            }

            if (!Glob.HasWildcard(entry) && !catalog.Contains(entry))
            {
                continue;
            }

            var problem = JudgeWritten(entry, MayExclude, unusedUnknown: null, newWildcards, covered);
            if (problem is not null)
            {
                yield return $"Statement[{index}] NotAction + {entry}: {problem}";
            }
        }

        var missing = Enumerable.Range(0, catalog.Count).Where(i => !excluded[i] && unused.Contains(i) && !covered.Contains(i)).Take(3).ToList();
        if (missing.Count > 0)
        {
            yield return $"Statement[{index}]: unused {string.Join(", ", missing.Select(i => catalog.Spelled[i]))} not added to NotAction";
        }
    }

    /// <summary>
    /// What is wrong with a written entry, or null. It must be a node of the word trie covering only allowed actions: with
    /// new wildcards, <c>node*</c> when the node covers several actions and its parent covers one that is not allowed, else
    /// an action in full, of which no node covering more is allowed.
    /// </summary>
    private string? JudgeWritten(string written, Func<int, bool> allowed, UnusedActions? unusedUnknown, bool newWildcards, HashSet<int> covered)
    {
        var lower = written.ToLowerInvariant();
        var isPrefix = lower.EndsWith('*') && !Glob.HasWildcard(lower[..^1]);
        if (!isPrefix && Glob.HasWildcard(lower))
        {
            return "not a prefix of the trie";
        }

        if (isPrefix && !newWildcards)
        {
            return "a new wildcard, though new wildcards are off";
        }

        var node = isPrefix ? lower[..^1] : lower;
        if (isPrefix && !_nodes.Contains(node))
        {
            return "not a node of the word trie";
        }

        if (!isPrefix && !catalog.Contains(node))
        {
            return "not an action of the catalog";
        }

        var nodeCovers = isPrefix ? catalog.StartingWith(node).ToList() : [catalog.IndexOf(node)];
        if (!nodeCovers.TrueForAll(i => allowed(i)))
        {
            return "covers an action it must not";
        }

        if (isPrefix && unusedUnknown?.HasUnknownStartingWith(node) == true)
        {
            return "covers an unused action the catalog lacks";
        }

        covered.UnionWith(nodeCovers);
        if (!newWildcards)
        {
            return null;
        }

        if (isPrefix)
        {
            if (nodeCovers.Count == 1)
            {
                return "covers one action, which is written in full";
            }

            var parent = Enumerable.Range(0, node.Length).Reverse().Select(length => node[..length]).First(p => p.Length == 0 || _nodes.Contains(p));
            return IsSafe(parent, allowed, unusedUnknown) ? $"not least general: its parent '{parent}*' is safe" : null;
        }

        // The highest safe node above an action written in full must cover that action alone.
        var highest = Enumerable.Range(1, node.Length).Select(length => node[..length])
            .Where(p => p.Contains(':', StringComparison.Ordinal) && _nodes.Contains(p))
            .FirstOrDefault(p => IsSafe(p, allowed, unusedUnknown));
        return highest is not null && catalog.StartingWith(highest).Skip(1).Any()
            ? $"not least general: '{highest}*' is safe and covers {catalog.StartingWith(highest).Count()} actions"
            : null;
    }

    /// <summary>
    /// What is wrong with an entry written in compact mode, or null: an allowed action in full, or <c>service:pattern</c> with
    /// <c>*</c> anywhere after the colon, within one catalog service, that matches some catalog action, only actions the
    /// statement still allows and no unknown unused name, and has the fewest characters: no character beside a wildcard can
    /// go while it stays so (<c>service:*</c> included).
    /// </summary>
    private string? JudgeFewestCharacters(string written, Func<int, bool> allowed, UnusedActions unused)
    {
        var lower = written.ToLowerInvariant();
        if (!Glob.HasWildcard(lower))
        {
            return catalog.Contains(lower) && allowed(catalog.IndexOf(lower)) ? null : "not an allowed action of the catalog";
        }

        var colon = lower.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || Glob.HasWildcard(lower[..colon]) || lower.Contains('?', StringComparison.Ordinal) || !catalog.Services.Contains(lower[..colon]))
        {
            return "not service:pattern with * only, within one catalog service";
        }

        var service = catalog.StartingWith(lower[..(colon + 1)]).ToList();
        var unknownUnused = unused.Names.Where(n => !catalog.Contains(n)).ToList();
        bool Safe(string pattern) =>
            service.TrueForAll(i => allowed(i) || !Glob.IsMatch(pattern, catalog.Names[i])) && !unknownUnused.Exists(n => Glob.IsMatch(pattern, n));

        if (!service.Exists(i => Glob.IsMatch(lower, catalog.Names[i])) || !Safe(lower))
        {
            return "matches an action it must not, or none";
        }

        for (var p = colon + 1; p < lower.Length; p++)
        {
            if (lower[p] == '*' || !(lower[p - 1] == '*' || (p + 1 < lower.Length && lower[p + 1] == '*')))
            {
                continue;
            }

            var shorter = (lower[..p] + lower[(p + 1)..]).Replace("**", "*", StringComparison.Ordinal);
            if (Safe(shorter))
            {
                return $"not the fewest characters: '{shorter}' allows no more than it may";
            }
        }

        return null;
    }

    // The trie's nodes start at a service prefix: "*" is never written, since it would also cover every service the catalog
    // lacks, which nothing reported unused (with used actions, a NotAction may need every catalog action excluded).
    private bool IsSafe(string node, Func<int, bool> allowed, UnusedActions? unusedUnknown) =>
        node.Length > 0 && catalog.StartingWith(node).All(allowed) && unusedUnknown?.HasUnknownStartingWith(node) != true;

    /// <summary>What is left of <paramref name="items"/> after taking out, for each of <paramref name="taken"/>, one item equal to it in any case.</summary>
    private static List<string> Without(IEnumerable<string> items, IEnumerable<string> taken)
    {
        var count = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in taken)
        {
            count[item] = count.GetValueOrDefault(item) + 1;
        }

        var left = new List<string>();
        foreach (var item in items)
        {
            if (count.GetValueOrDefault(item) > 0)
            {
                count[item]--;
            }
            else
            {
                left.Add(item);
            }
        }

        return left;
    }

    /// <summary>What is wrong with the members of a refined object, or null: the same members in the same order, equal but for <paramref name="refinedKey"/>, which keeps its form.</summary>
    private static string? JudgeShape(JsonObject original, JsonObject refined, string refinedKey)
    {
        var keys = original.Select(p => p.Key).ToList();
        if (!keys.SequenceEqual(refined.Select(p => p.Key), StringComparer.Ordinal))
        {
            return $"members [{string.Join(", ", refined.Select(p => p.Key))}] instead of [{string.Join(", ", keys)}]";
        }

        var changed = keys.Where(k => k != refinedKey && !JsonNode.DeepEquals(original[k], refined[k])).ToList();
        if (changed.Count > 0)
        {
            return $"{string.Join(", ", changed)} changed, but only {refinedKey} may";
        }

        // A list stays a list; a single string stays a string while one entry is left.
        var (was, now) = (original[refinedKey], refined[refinedKey]);
        return (was is JsonArray) != (now is JsonArray) && !(was is JsonValue && now is JsonArray { Count: > 1 })
            ? $"{refinedKey} was {(was is JsonArray ? "a list" : "one string")}, is {(now is JsonArray ? "a list" : "one string")}"
            : null;
    }

    private static JsonNode? Document(JsonNode? document) =>
        document is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : document;

    private static JsonNode? StatementNode(JsonNode? document, int index)
    {
        document = Document(document);
        return document?["Statement"] switch
        {
            JsonArray list => list[index],
            JsonObject single => single,
            _ => null,
        };
    }
}
