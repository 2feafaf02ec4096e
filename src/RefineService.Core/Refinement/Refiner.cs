using System.Runtime.InteropServices;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>Removes unused actions from a policy document, replacing wildcards by their shortest safe prefixes. Stateless and thread-safe.</summary>
public sealed class Refiner(ActionCatalog catalog)
{
    public ActionCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    // Every action name of every service, present and future.
    private static readonly ActionPattern EveryAction = ActionPattern.Parse("*:*");

    /// <summary>Refines <paramref name="document"/> (left untouched) against <paramref name="unused"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> is not complete (<see cref="PolicyDocument.IsComplete"/>): a statement could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RefinementResult Refine(PolicyDocument document, UnusedActionSet unused, RefinementOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(unused);
        if (!document.IsComplete)
        {
            throw new ArgumentException($"The document has problems, the first at {document.Problems[0].Path}: {document.Problems[0].Message}", nameof(document));
        }

        options ??= RefinementOptions.Default;
        using var before = new AllowedActions(Catalog.Count);
        using var after = new AllowedActions(Catalog.Count);
        var run = new Run(Catalog, unused, options, before, after, cancellationToken);
        var kept = new List<PolicyStatement>(document.Statements.Count);
        foreach (var statement in document.Statements)
        {
            if (run.Statement(statement, document.StatementIsArray) is { } refined)
            {
                kept.Add(refined);
            }
        }

        var result = kept.Count == 0 ? null : document.WithStatements(kept);
        var summary = Summarize(before, after);
        var limit = PolicySizeLimits.For(options.Kind);
        var characters = PolicySizeLimits.Measure(result);
        var fitted = characters > limit ? Split(result!, limit, options, unused.SkipsStatement, document.StatementIsArray, cancellationToken) : null;
        run.Warnings.AddRange(fitted?.Warnings ?? []);
        var split = fitted?.Parts;
        if (split is not null && (options.Fit != FitMode.Split || split.Any(p => !p.WithinLimit)))
        {
            run.Warnings.Add(new RefinementWarning(
                RefinementWarningCodes.PolicySizeExceeded,
                split.All(p => p.WithinLimit)
                    ? $"The recommended policy has {characters} characters without white space; IAM allows {limit} for this kind of policy. Split over {split.Count} policies it fits."
                    : $"The recommended policy has {characters} characters without white space; IAM allows {limit} for this kind of policy, and a statement too large alone cannot be cut (the warnings at its path say why).",
                "$"));
        }

        return new RefinementResult(result, run.Changes, summary, new PolicySizeCheck(characters, limit, characters <= limit), run.Warnings)
        {
            Split = split,
            Account = Account(unused, before, after, options.Explain),
        };
    }

    /// <summary>
    /// How many catalog actions <see cref="Refine"/> removes from <paramref name="document"/> against <paramref name="unused"/>
    /// (its summary's allowed actions before less after), counted without writing the recommendation. An account's answer
    /// counts this way what each principal still has unused in a shared policy. The property tests hold it to
    /// <see cref="Refine"/>'s summary.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> is not complete (<see cref="PolicyDocument.IsComplete"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public int CountRemoved(PolicyDocument document, UnusedActionSet unused, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(unused);
        if (!document.IsComplete)
        {
            throw new ArgumentException($"The document has problems, the first at {document.Problems[0].Path}: {document.Problems[0].Message}", nameof(document));
        }

        using var before = new AllowedActions(Catalog.Count);
        using var after = new AllowedActions(Catalog.Count);
        var run = new Run(Catalog, unused, RefinementOptions.Default, before, after, cancellationToken);
        foreach (var statement in document.Statements)
        {
            run.Count(statement);
        }

        return before.Count - after.Count;
    }

    /// <summary>
    /// The parts of the recommended <paramref name="document"/>, each within <paramref name="limit"/> where its statements
    /// allow (<see cref="PolicySplitter"/>). An Allow statement whose <c>NotAction</c> list is too large for a part, which no
    /// cut can make smaller without allowing more, is written for the split as the <c>Action</c> list of the catalog
    /// actions it allows (<see cref="ActionListRewrite"/>): exactly the same catalog actions, but none AWS adds later (the
    /// least-privilege direction). A Deny statement so written would deny less in future, a skipped statement is to
    /// stay as it is, and one that allows no catalog action has no such list: each stays whole, its part over the limit.
    /// </summary>
    /// <param name="document">The recommended document.</param>
    /// <param name="limit">The size limit of a part.</param>
    /// <param name="options">The refinement's options: its wildcard mode writes the <c>Action</c> lists.</param>
    /// <param name="skips">Tells, by its Sid, whether a statement is to stay as it is.</param>
    /// <param name="inArray">Whether the document's statements are an array, for the warnings' paths.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal PolicySplit Split(PolicyDocument document, int limit, RefinementOptions options, Func<string?, bool> skips, bool inArray, CancellationToken cancellationToken)
    {
        var room = PolicySplitter.Room(document, limit);
        var warnings = new List<RefinementWarning>();
        var statements = new List<PolicyStatement>(document.Statements.Count);
        foreach (var statement in document.Statements)
        {
            var size = statement.IsNotAction ? PolicySizeLimits.Measure(statement) : 0;
            if (size <= room)
            {
                statements.Add(statement);
                continue;
            }

            var path = JsonPath.Property(inArray ? JsonPath.Item("$.Statement", statement.Index) : "$.Statement", statement.EntriesKey);
            if (statement.Effect == PolicyEffect.Deny)
            {
                warnings.Add(new RefinementWarning(
                    RefinementWarningCodes.DenyNotActionCannotBeSplit,
                    $"This Deny statement's NotAction list takes {size} characters, more than a policy of the split holds ({room} beside the document's other members), and it cannot be cut: each cut would deny every action but its own entries, so together they would deny more. Nor is it written as an Action list, which would not deny the actions AWS adds later. Its part stays over the limit.",
                    path));
                statements.Add(statement);
                continue;
            }

            if (skips(statement.Sid))
            {
                warnings.Add(new RefinementWarning(
                    RefinementWarningCodes.SkippedStatementCannotBeSplit,
                    $"This statement's NotAction list takes {size} characters, more than a policy of the split holds ({room} beside the document's other members), and it cannot be cut without allowing more. It is skipped, so it is not written as an Action list either. Its part stays over the limit.",
                    path));
                statements.Add(statement);
                continue;
            }

            if (ActionListRewrite.For(Catalog, statement, options.Wildcards, cancellationToken) is not { } written)
            {
                warnings.Add(new RefinementWarning(
                    RefinementWarningCodes.NotActionAllowsNoCatalogAction,
                    $"This Allow statement's NotAction list takes {size} characters, more than a policy of the split holds ({room} beside the document's other members), and it cannot be cut without allowing more. It excludes every action the catalog knows, so there is no Action list to write it as: it allows only actions the catalog does not know, such as those AWS adds later. Its part stays over the limit.",
                    path));
                statements.Add(statement);
                continue;
            }

            warnings.Add(new RefinementWarning(
                RefinementWarningCodes.NotActionWrittenAsAction,
                $"This Allow statement's NotAction list takes {size} characters, more than a policy of the split holds ({room} beside the document's other members), and cannot be cut without allowing more. In the split it is written as an Action list of {written.Entries.Count} entries that allows exactly the catalog actions it allows; unlike the NotAction list, it does not allow the actions AWS adds later.",
                path));
            statements.Add(written);
        }

        var split = document.WithStatements(statements);
        return new PolicySplit(split, PolicySplitter.Split(split, limit), warnings);
    }

    // Walks the actions reported unused that the policy allowed, once: each was removed (by the inputs that reported it) or spared
    // (by its filters, or, when the effective set holds it and the recommendation still allows it, by a skipped statement).
    private UnusedActionAccount Account(UnusedActionSet unused, AllowedActions before, AllowedActions after, bool explain)
    {
        if (unused.Reported is not { } reported)
        {
            return UnusedActionAccount.Empty;
        }

        // Counted by flag value: both enums are single bytes of flags.
        Span<int> removedBy = stackalloc int[256];
        Span<int> sparedBy = stackalloc int[256];
        var traces = new List<UnusedActionTrace>();
        for (var at = 0; at < reported.Count; at++)
        {
            var index = reported.IndexAt(at);
            if (!before.Contains(index))
            {
                continue;
            }

            var reportedBy = reported.ReportedByAt(at);
            var removed = !after.Contains(index);
            var spared = reported.SparedByAt(at);
            if (!removed && spared == SpareReason.None)
            {
                spared = SpareReason.SkipStatements;
            }

            if (removed)
            {
                removedBy[(byte)reportedBy]++;
            }
            else
            {
                sparedBy[(byte)spared]++;
            }

            if (explain)
            {
                var name = Catalog[index].FullName;
                traces.Add(new UnusedActionTrace(name, removed, reportedBy, removed ? SpareReason.None : spared, spared.HasFlag(SpareReason.Keep) ? unused.KeptBy(name) : null));
            }
        }

        return new UnusedActionAccount(
            Totals(UnusedActionAccount.Sources, removedBy),
            Totals(UnusedActionAccount.Reasons, sparedBy),
            traces);
    }

    // Per flag, how many counted combinations hold it (an action reported by two inputs counts for each).
    private static Dictionary<T, int> Totals<T>(IReadOnlyList<T> flags, ReadOnlySpan<int> byCombination)
        where T : struct, Enum
    {
        var totals = new Dictionary<T, int>(flags.Count);
        foreach (var flag in flags)
        {
            var bit = System.Runtime.CompilerServices.Unsafe.BitCast<T, byte>(flag);
            var total = 0;
            for (var combination = 1; combination < byCombination.Length; combination++)
            {
                total += (combination & bit) != 0 ? byCombination[combination] : 0;
            }

            totals[flag] = total;
        }

        return totals;
    }

    private AllowedActionCounts Summarize(AllowedActions before, AllowedActions after)
    {
        var removed = Enum.GetValues<AccessLevel>().ToDictionary(level => level, _ => 0);
        foreach (var index in before.NotIn(after))
        {
            removed[Catalog[index].AccessLevel]++;
        }

        return new AllowedActionCounts(before.Count, after.Count, removed);
    }

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

        public List<StatementRefinement> Changes { get; } = [];

        public List<RefinementWarning> Warnings { get; } = [];

        /// <summary>The recommended statement, or null when nothing of it is left.</summary>
        /// <param name="statement">The statement.</param>
        /// <param name="inArray">Whether the document's statements are an array (its path is <c>$.Statement[i]</c>, else <c>$.Statement</c>).</param>
        public PolicyStatement? Statement(PolicyStatement statement, bool inArray)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (unused.SkipsStatement(statement.Sid))
            {
                Skip(statement);
                Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Skipped, [], [], []));
                return statement;
            }

            if (statement.Effect != PolicyEffect.Allow)
            {
                Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Unchanged, [], [], []));
                return statement;
            }

            var place = new EntriesPlace(statement, inArray);
            var refined = statement.IsNotAction ? RefineNotAction(statement.Entries, place) : RefineAction(statement.Entries, place);
            refined.DropRedundant(options.Compact);
            if (refined.Entries.Count == 0)
            {
                Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Removed, refined.Removed, [], refined.Replaced) { Redundant = refined.Redundant });
                return null;
            }

            var (removed, added) = (refined.Removed, refined.Added);
            if (removed.Count == 0 && added.Count == 0)
            {
                Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Unchanged, [], [], []));
                return statement;
            }

            var written = statement.WithEntries(refined.Entries);
            if (options.Fit == FitMode.NotAction && !statement.IsNotAction && AllowsEveryAction(statement))
            {
                var complement = Complement(statement);
                var inverted = statement.AsNotAction(complement.Entries);
                if (complement.Entries.Count > 0 && PolicySizeLimits.Measure(inverted) < PolicySizeLimits.Measure(written))
                {
                    Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Modified, complement.Removed, complement.Added, [])
                    {
                        Redundant = complement.Redundant,
                        WrittenAsNotAction = true,
                    });
                    return inverted;
                }
            }

            Changes.Add(new StatementRefinement(statement.Index, statement.Sid, StatementStatus.Modified, removed, added, refined.Replaced) { Redundant = refined.Redundant });
            return written;
        }

        /// <summary>What <see cref="Statement"/> adds to what is allowed before and after, without refining the statement.</summary>
        public void Count(PolicyStatement statement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (unused.SkipsStatement(statement.Sid))
            {
                Skip(statement);
                return;
            }

            if (statement.Effect != PolicyEffect.Allow)
            {
                return;
            }

            var matches = _matches;
            matches.Clear();
            if (statement.IsNotAction)
            {
                // As RefineNotAction: all but the excluded actions before, all but them and the unused ones after.
                foreach (var entry in statement.Entries)
                {
                    catalog.MatchIndices(ActionPattern.Parse(entry), matches);
                }

                matches.Sort();
                AllowNotAction([.. matches.Distinct()]);
                return;
            }

            // As RefineAction, entry by entry.
            foreach (var entry in statement.Entries)
            {
                matches.Clear();
                catalog.MatchIndices(ActionPattern.Parse(entry), matches);
                AllowEntry(CollectionsMarshal.AsSpan(matches));
            }
        }

        // What an Action entry allows: before, every action it matches; after, those of them not unused, which it returns
        // (null when none of them is unused, so that the entry stays as it is).
        private int[]? AllowEntry(ReadOnlySpan<int> matched)
        {
            before.AddAll(matched);
            if (!SortedIndices.Intersects(matched, unused.Indices))
            {
                after.AddAll(matched);
                return null;
            }

            var kept = SortedIndices.Except(matched, unused.Indices);
            after.AddAll(kept);
            return kept;
        }

        // What a NotAction statement allows: before, every action but the excluded ones; after, neither those nor the unused ones.
        private void AllowNotAction(int[] excluded)
        {
            before.AddAllExcept(excluded);
            after.AddAllExcept(SortedIndices.Union(excluded, unused.Indices));
        }

        // Only a statement that allowed every action name may become a NotAction: one allows every name it does not list,
        // future actions and services included, which the original then allowed too (and the refined Action list does not).
        private static bool AllowsEveryAction(PolicyStatement statement) =>
            statement.Entries.Any(entry => ActionPattern.Parse(entry).Covers(EveryAction));

        /// <summary>
        /// The NotAction list that allows, in place of a refined statement that allowed every action, exactly the same catalog
        /// actions: entries covering the unused ones and no other (the statement allowed every catalog action), the unused
        /// names and services the catalog lacks, and never a name the statement lists that the catalog lacks and nobody
        /// reported unused (it stays allowed, as in the Action list).
        /// </summary>
        private RefinedEntries Complement(PolicyStatement statement)
        {
            var allowedUnknown = statement.Entries
                .Where(e => !ActionPattern.Parse(e).HasWildcard && !catalog.Contains(e) && !MatchesUnknownUnused(ActionPattern.Parse(e)))
                .Select(e => e.ToLowerInvariant())
                .ToArray();
            Func<string, bool>? avoid = allowedUnknown.Length == 0 ? null : prefix => Array.Exists(allowedUnknown, name => name.StartsWith(prefix, StringComparison.Ordinal));
            var entries = unused.Indices.Length == 0 ? []
                : options.Wildcards == WildcardMode.None ? PrefixTrie.FullNames(catalog, unused.Indices)
                : PrefixTrie.ShortestSafePrefixes(catalog, unused.Indices, unused.Indices, avoid, diagram: null, cancellationToken, options.Wildcards == WildcardMode.Compact);
            entries.AddRange(unused.UnknownActions);
            entries.AddRange(unused.UnknownServices.Select(s => s + ":*"));

            var complement = new RefinedEntries();
            foreach (var entry in statement.Entries)
            {
                complement.Remove(entry);
            }

            complement.Append(entries);
            complement.DropRedundant(originalsToo: false);
            return complement;
        }

        // A skipped statement allows before and after what it allows: the actions its entries match, or all but them for NotAction.
        private void Skip(PolicyStatement statement)
        {
            if (statement.Effect != PolicyEffect.Allow)
            {
                return;
            }

            var matches = _matches;
            matches.Clear();
            foreach (var entry in statement.Entries)
            {
                catalog.MatchIndices(ActionPattern.Parse(entry), matches);
            }

            if (!statement.IsNotAction)
            {
                before.AddAll(CollectionsMarshal.AsSpan(matches));
                after.AddAll(CollectionsMarshal.AsSpan(matches));
                return;
            }

            matches.Sort();
            var excluded = matches.Distinct().ToArray();
            before.AddAllExcept(excluded);
            after.AddAllExcept(excluded);
        }

        private RefinedEntries RefineAction(IReadOnlyList<string> entries, EntriesPlace place)
        {
            // In compact mode the replacements of the whole statement are chosen together, once every entry is read.
            var compact = options.Wildcards == WildcardMode.Compact ? new CompactStatement() : null;
            var refined = new RefinedEntries();
            for (var entryIndex = 0; entryIndex < entries.Count; entryIndex++)
            {
                var entry = entries[entryIndex];
                cancellationToken.ThrowIfCancellationRequested();
                var pattern = ActionPattern.Parse(entry);
                var matches = _matches;
                matches.Clear();
                catalog.MatchIndices(pattern, matches);
                var matched = CollectionsMarshal.AsSpan(matches);
                WarnIfUnknown(entry, pattern, matches.Count, place, entryIndex);

                var kept = AllowEntry(matched);
                var unknownUnused = MatchesUnknownUnused(pattern);
                if (!unknownUnused && kept is null)
                {
                    compact?.Keep(entry, matched);
                    if (compact is null)
                    {
                        refined.Keep(entry);
                    }

                    continue;
                }

                // Null here when none of its catalog actions is unused but an unused name the catalog lacks matches it: all its
                // catalog actions are kept, and the entry is rewritten so as not to allow that name.
                kept ??= matched.ToArray();
                if (kept.Length == 0)
                {
                    compact?.Remove(entry);
                    if (compact is null)
                    {
                        refined.Remove(entry);
                    }

                    continue;
                }

                var diagram = options.Explain && options.Wildcards != WildcardMode.None ? new TrieDiagram() : null;
                var replacements = options.Wildcards == WildcardMode.None
                    ? PrefixTrie.FullNames(catalog, kept)
                    : PrefixTrie.ShortestSafePrefixes(catalog, kept, kept, AvoidUnknown(), diagram, cancellationToken, options.Wildcards == WildcardMode.Compact);
                if (compact is not null)
                {
                    compact.Replace(entry, kept, replacements, diagram);
                    continue;
                }

                refined.Replace(entry, replacements, diagram);
            }

            compact?.WriteTo(refined, catalog, unused.UnknownActions, cancellationToken);
            return refined;
        }

        private RefinedEntries RefineNotAction(IReadOnlyList<string> entries, EntriesPlace place)
        {
            var refined = new RefinedEntries();
            var excluded = new List<int>();
            var patterns = new List<ActionPattern>();
            for (var entryIndex = 0; entryIndex < entries.Count; entryIndex++)
            {
                var entry = entries[entryIndex];
                refined.Keep(entry);
                var pattern = ActionPattern.Parse(entry);
                patterns.Add(pattern);
                var before = excluded.Count;
                catalog.MatchIndices(pattern, excluded);
                WarnIfUnknown(entry, pattern, excluded.Count - before, place, entryIndex);
            }

            excluded.Sort();
            var excludedSet = excluded.Distinct().ToArray();
            AllowNotAction(excludedSet);

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
        private void WarnIfUnknown(string entry, ActionPattern pattern, int matchCount, EntriesPlace place, int index)
        {
            if (matchCount > 0)
            {
                return;
            }

            var path = place.PathOf(index);

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
    }

    /// <summary>Where a statement's entries are, for the path of a warning: made only when there is one.</summary>
    private readonly record struct EntriesPlace(PolicyStatement Statement, bool InArray)
    {
        public string PathOf(int entry)
        {
            var statement = InArray ? JsonPath.Item("$.Statement", Statement.Index) : "$.Statement";
            var entries = JsonPath.Property(statement, Statement.EntriesKey);
            return Statement.EntriesAsString ? entries : JsonPath.Item(entries, entry);
        }
    }
}
