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
/// A statement may be cut into statements with the same members and parts of its <c>Action</c> list (a statement allows
/// or denies the union of its entries, so the cuts together do the same). A <c>NotAction</c> list cannot be cut so (the
/// cuts would allow more), nor a single entry: such a statement is placed whole, first-fit, largest first, and stays
/// over the limit in a part of its own when it is larger than a part. The statements that can be cut then fill the
/// parts in their order: a statement that does not fit in a part's free room gives it the run of its entries that does,
/// and carries the rest on to the next part. Every part but the last is so filled to within one cut's members and one
/// entry of the limit, which keeps the count within one of the characters over the limit. Each part keeps the
/// statements' order. Only the first cut of a statement keeps its <c>Sid</c>: a Sid names a statement and changes nothing it
/// allows, and repeated in every part it would take characters the parts need; two statements with the same Sid never
/// share a part, as IAM wants a policy's Sids unique.
/// </remarks>
public static class PolicySplitter
{
    /// <summary>The characters a part of <paramref name="document"/> has for its statements: <paramref name="limit"/> less the document without statements.</summary>
    public static int Room(PolicyDocument document, int limit)
    {
        ArgumentNullException.ThrowIfNull(document);
        return limit - PolicySizeLimits.Measure(document.WithStatements([]));
    }

    /// <summary>The parts of <paramref name="document"/>, each within <paramref name="limit"/> characters where its statements allow.</summary>
    public static IReadOnlyList<PolicyPart> Split(PolicyDocument document, int limit)
    {
        ArgumentNullException.ThrowIfNull(document);

        // A part costs its document without statements, each statement, and a comma between two.
        var room = Room(document, limit);
        var parts = new List<Part>();
        var statements = document.Statements.Select((statement, order) => (Statement: statement, Order: order, Size: Measure(statement))).ToList();
        foreach (var (statement, order, size) in statements.Where(s => !CanCut(s.Statement)).OrderByDescending(s => s.Size).ThenBy(s => s.Order))
        {
            var part = parts.Find(p => p.Fits(size, room) && p.Accepts(statement));
            if (part is null)
            {
                parts.Add(part = new Part());
            }

            part.Add(new Piece(statement, order, 0), size);
        }

        foreach (var (statement, order, size) in statements.Where(s => CanCut(s.Statement)))
        {
            Fill(parts, statement, order, size, room);
        }

        return [.. parts.Select(part =>
        {
            var split = document.WithStatements([.. part.Pieces.OrderBy(p => p.Order).ThenBy(p => p.Cut).Select(p => p.Statement)]);
            var characters = PolicySizeLimits.Measure(split);
            return new PolicyPart(split, characters, characters <= limit);
        })];
    }

    private static bool CanCut(PolicyStatement statement) => !statement.IsNotAction && statement.Entries.Count > 1;

    // Places the statement whole in the first part with room for it, or its entries in cuts that fill the parts in turn.
    private static void Fill(List<Part> parts, PolicyStatement statement, int order, int size, int room)
    {
        // Only the first cut keeps the Sid: it names the statement, and later cuts would pay its characters in every part.
        var unnamed = statement.Sid is null ? statement : statement.WithoutSid();
        var left = statement.Entries.Select(entry => (Entry: entry, Size: EntrySize(entry))).ToList();
        var cut = 0;
        for (var p = 0; left.Count > 0; p++)
        {
            if (p == parts.Count)
            {
                parts.Add(new Part());
            }

            var part = parts[p];
            var named = cut == 0 ? statement : unnamed;
            if (!part.Accepts(named))
            {
                continue;
            }

            if (cut == 0 && part.Fits(size, room))
            {
                part.Add(new Piece(statement, order, cut), size);
                return;
            }

            // The entries left in order while they fit beside the statement's other members, then any later one that
            // still fits in what room is left (the order of a statement's entries changes nothing it allows).
            var free = room - part.Used - (part.Pieces.Count > 0 ? 1 : 0) - Measure(named.WithEntries([]));
            var taken = new List<string>();
            var length = 0;
            left.RemoveAll(e =>
            {
                var cost = e.Size + (taken.Count > 0 ? 1 : 0);
                if (length + cost > free)
                {
                    return false;
                }

                length += cost;
                taken.Add(e.Entry);
                return true;
            });

            // A part with no room for one entry is passed over; an empty one takes an entry even when it does not fit.
            if (taken.Count == 0)
            {
                if (part.Pieces.Count > 0)
                {
                    continue;
                }

                taken.Add(left[0].Entry);
                left.RemoveAt(0);
            }

            var piece = named.WithEntries(taken);
            part.Add(new Piece(piece, order, cut++), Measure(piece));
        }
    }

    // An entry as a JSON string counts its quotes and its escaped characters, white space aside.
    private static int EntrySize(string entry)
    {
        var encoded = JsonEncodedText.Encode(entry, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        return 2 + encoded.Count(c => !char.IsWhiteSpace(c));
    }

    private static int Measure(PolicyStatement statement) => PolicySizeLimits.Measure(statement);

    /// <summary>A statement, or a cut of one, with the statement's place in the document and the cut's among its cuts.</summary>
    private sealed record Piece(PolicyStatement Statement, int Order, int Cut);

    /// <summary>A part being filled: its pieces and the characters they take, commas between them included.</summary>
    private sealed class Part
    {
        public List<Piece> Pieces { get; } = [];

        public int Used { get; private set; }

        public bool Fits(int size, int room) => Used + size + (Pieces.Count > 0 ? 1 : 0) <= room;

        public bool Accepts(PolicyStatement statement) => statement.Sid is not { } sid || !Pieces.Exists(p => p.Statement.Sid == sid);

        public void Add(Piece piece, int size)
        {
            Used += size + (Pieces.Count > 0 ? 1 : 0);
            Pieces.Add(piece);
        }
    }
}

/// <summary>One policy of a split.</summary>
/// <param name="Document">The part's document: the original's members, some of its statements.</param>
/// <param name="Characters">Its size as IAM counts it.</param>
/// <param name="WithinLimit">Whether it fits; a part holding one statement that cannot be cut may not.</param>
public sealed record PolicyPart(PolicyDocument Document, int Characters, bool WithinLimit);

/// <summary>A split of a recommended document with what it says about it.</summary>
/// <param name="Document">The document split: the recommendation, with any <c>NotAction</c> list too large for a part written as an <c>Action</c> list.</param>
/// <param name="Parts">Its parts.</param>
/// <param name="Warnings">Why a statement was rewritten, or why one could not be cut.</param>
internal sealed record PolicySplit(PolicyDocument Document, IReadOnlyList<PolicyPart> Parts, IReadOnlyList<RefinementWarning> Warnings);
