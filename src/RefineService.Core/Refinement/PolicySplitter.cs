using System.Text.Encodings.Web;
using System.Text.Json;
using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>
/// Distributes a policy's statements over as few policies as it can, each within a size limit, together allowing and
/// denying exactly what the one policy does: IAM evaluates every policy attached to a principal together, so an Allow
/// or a Deny counts the same in whichever policy it stands.
/// </summary>
/// <remarks>
/// A statement too large for a policy of its own is cut into statements with the same members and parts of its
/// <c>Action</c> list (a statement allows or denies the union of its entries, so the cuts together do the same). A
/// <c>NotAction</c> list cannot be cut so (the cuts would allow more), nor a single entry: such a statement stays whole
/// and its part is over the limit. Statements are then packed first-fit, largest first, and keep their order inside each part. Cuts of a statement with a <c>Sid</c> go to different parts, as IAM
/// wants a policy's Sids unique.
/// </remarks>
public static class PolicySplitter
{
    /// <summary>The parts of <paramref name="document"/>, each within <paramref name="limit"/> characters where its statements allow.</summary>
    public static IReadOnlyList<PolicyPart> Split(PolicyDocument document, int limit)
    {
        ArgumentNullException.ThrowIfNull(document);

        // A part costs its document without statements, each statement, and a comma between two.
        var frame = PolicySizeLimits.Measure(document.WithStatements([]));
        var room = limit - frame;
        var units = new List<Unit>();
        foreach (var statement in document.Statements)
        {
            var size = Measure(statement);
            if (size <= room || statement.IsNotAction || statement.Entries.Count < 2)
            {
                units.Add(new Unit(statement, size, units.Count));
                continue;
            }

            foreach (var cut in Cut(statement, room))
            {
                units.Add(new Unit(cut, Measure(cut), units.Count));
            }
        }

        var parts = new List<List<Unit>>();
        var used = new List<int>();
        foreach (var unit in units.OrderByDescending(u => u.Size).ThenBy(u => u.Order))
        {
            var placed = false;
            for (var p = 0; p < parts.Count && !placed; p++)
            {
                var cost = unit.Size + (parts[p].Count > 0 ? 1 : 0);
                if (used[p] + cost <= room && !(unit.Statement.Sid is { } sid && parts[p].Exists(u => u.Statement.Sid == sid)))
                {
                    parts[p].Add(unit);
                    used[p] += cost;
                    placed = true;
                }
            }

            if (!placed)
            {
                parts.Add([unit]);
                used.Add(unit.Size);
            }
        }

        return [.. parts.Select(part =>
        {
            var split = document.WithStatements([.. part.OrderBy(u => u.Order).Select(u => u.Statement)]);
            var characters = PolicySizeLimits.Measure(split);
            return new PolicyPart(split, characters, characters <= limit);
        })];
    }

    // The statement's Action list cut into runs, each as long as fits beside the statement's other members.
    private static IEnumerable<PolicyStatement> Cut(PolicyStatement statement, int room)
    {
        var bare = Measure(statement.WithEntries([]));
        var entries = new List<string>();
        var size = bare;
        foreach (var entry in statement.Entries)
        {
            var cost = EntrySize(entry) + (entries.Count > 0 ? 1 : 0);
            if (entries.Count > 0 && size + cost > room)
            {
                yield return statement.WithEntries(entries);
                entries = [];
                size = bare;
                cost = EntrySize(entry);
            }

            entries.Add(entry);
            size += cost;
        }

        yield return statement.WithEntries(entries);
    }

    // An entry as a JSON string counts its quotes and its escaped characters, white space aside.
    private static int EntrySize(string entry)
    {
        var encoded = JsonEncodedText.Encode(entry, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        return 2 + encoded.Count(c => !char.IsWhiteSpace(c));
    }

    private static int Measure(PolicyStatement statement) => PolicySizeLimits.Measure(statement);

    private sealed record Unit(PolicyStatement Statement, int Size, int Order);
}

/// <summary>One policy of a split.</summary>
/// <param name="Document">The part's document: the original's members, some of its statements.</param>
/// <param name="Characters">Its size as IAM counts it.</param>
/// <param name="WithinLimit">Whether it fits; a part holding one statement that cannot be cut may not.</param>
public sealed record PolicyPart(PolicyDocument Document, int Characters, bool WithinLimit);
