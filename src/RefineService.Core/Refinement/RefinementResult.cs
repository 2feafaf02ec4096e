using RefineService.Core.Catalog;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>What a refinement recommends for one policy document.</summary>
/// <param name="RecommendedPolicy">The recommended document; null when no statement is left (detach the policy).</param>
/// <param name="Changes">One record per statement of the original document, in order.</param>
/// <param name="Summary">Catalog actions allowed before and after.</param>
/// <param name="Size">The recommended document's size against IAM's limit.</param>
/// <param name="Warnings">Things the caller should know, each with the JSON path of the element concerned.</param>
public sealed record RefinementResult(
    PolicyDocument? RecommendedPolicy,
    IReadOnlyList<StatementRefinement> Changes,
    AllowedActionCounts Summary,
    PolicySizeCheck Size,
    IReadOnlyList<RefinementWarning> Warnings)
{
    /// <summary>Which inputs reported the removed actions, and what spared the others, among the actions the policy allowed.</summary>
    public UnusedActionAccount Account { get; init; } = UnusedActionAccount.Empty;

    /// <summary>Whether the recommendation equals the original.</summary>
    public bool IsUnchanged => Changes.All(c => c.Status is StatementStatus.Unchanged or StatementStatus.Skipped);

    /// <summary>Whether no statement is left, so the policy should be detached.</summary>
    public bool IsEmpty => RecommendedPolicy is null;

    /// <summary>When the recommended policy is over its kind's limit, the same statements over several policies each within it (see <see cref="PolicySplitter"/>); else null.</summary>
    public IReadOnlyList<PolicyPart>? Split { get; init; }
}

/// <summary>What became of one statement.</summary>
public enum StatementStatus
{
    Unchanged,
    Modified,
    Removed,

    /// <summary>Copied unchanged because its <c>Sid</c> is among those to skip.</summary>
    Skipped,
}

/// <summary>The change record of one statement.</summary>
/// <param name="Index">The statement's 0-based position in the original document.</param>
/// <param name="Sid">The statement's <c>Sid</c>, if any.</param>
/// <param name="Status">Unchanged, modified or removed.</param>
/// <param name="Removed">Entries of the original <c>Action</c>/<c>NotAction</c> that are gone.</param>
/// <param name="Added">Entries that are new.</param>
/// <param name="Replaced">Each wildcard entry that was replaced, with what replaced it.</param>
public sealed record StatementRefinement(
    int Index,
    string? Sid,
    StatementStatus Status,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added,
    IReadOnlyList<EntryReplacement> Replaced)
{
    /// <summary>Entries not written because another entry of the statement covers them as a pattern.</summary>
    public IReadOnlyList<RedundantEntry> Redundant { get; init; } = [];

    /// <summary>Whether the statement's <c>Action</c> list was written as the equivalent, shorter <c>NotAction</c> list (<see cref="FitMode.NotAction"/>): <see cref="Added"/> are then its entries.</summary>
    public bool WrittenAsNotAction { get; init; }
}

/// <summary>An entry left out of a statement because another entry of it allows every action name it allows.</summary>
/// <param name="Entry">The entry left out: one the refinement wrote, or with <see cref="RefinementOptions.Compact"/> one of the original.</param>
/// <param name="CoveredBy">The entry of the statement that covers it.</param>
public sealed record RedundantEntry(string Entry, string CoveredBy);

/// <summary>A wildcard entry and the entries that replace it.</summary>
/// <param name="Entry">The original entry.</param>
/// <param name="With">Its replacements, in order.</param>
/// <param name="Trie">With <see cref="RefinementOptions.Explain"/>, the trie that chose them as a Mermaid flowchart.</param>
/// <param name="TrieNodes">With <see cref="RefinementOptions.Explain"/>, the same trie's nodes, to draw it from.</param>
public sealed record EntryReplacement(string Entry, IReadOnlyList<string> With, string? Trie = null, IReadOnlyList<TrieNode>? TrieNodes = null);

/// <summary>Counts of catalog actions the policy's Allow statements allow, before and after.</summary>
public sealed record AllowedActionCounts(int AllowedActionsBefore, int AllowedActionsAfter, IReadOnlyDictionary<AccessLevel, int> RemovedByAccessLevel);

/// <summary>The recommended document's length without white space, against IAM's limit for its kind.</summary>
public sealed record PolicySizeCheck(int Characters, int Limit, bool WithinLimit);

/// <summary>A warning about the input or the result.</summary>
/// <param name="Code">A stable code: <c>UnknownAction</c>, <c>UnknownService</c>, <c>PolicySizeExceeded</c>, ...</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Path">The JSON path of the element concerned, relative to the document (<c>$.Statement[1].Action[3]</c>) or to the findings.</param>
public sealed record RefinementWarning(string Code, string Message, string Path);
