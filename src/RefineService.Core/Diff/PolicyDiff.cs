using RefineService.Core.Policies;

namespace RefineService.Core.Diff;

/// <summary>A unified line diff of a policy document and its recommendation, both pretty-printed the same way.</summary>
public static class PolicyDiff
{
    /// <summary>The document as this diff prints it: two-space indentation, characters as written (no <c>\u0027</c> escapes).</summary>
    public static string Print(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJson(PolicyDocument.Indented);
    }

    /// <summary>
    /// The diff from <paramref name="original"/> to <paramref name="recommended"/> (null: no document is left) as one
    /// hunk holding the whole document, as in the seed article's figure; empty when the two print the same. The lines
    /// are matched by <see cref="LineDiff"/>, whose time is bounded by a constant times the documents' length.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static string Unified(PolicyDocument original, PolicyDocument? recommended, CancellationToken cancellationToken = default)
    {
        var before = Print(original);
        var after = recommended is null ? string.Empty : Print(recommended);
        if (before == after)
        {
            return string.Empty;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var oldLines = Lines(before, ids);
        var newLines = Lines(after, ids);
        var script = LineDiff.Compute(Ids(oldLines), Ids(newLines), ids.Count, cancellationToken);

        // Written once at its exact length: a large document's diff is megabytes, better not copied as it grows.
        var header = $"--- original\n+++ recommended\n@@ -{Range(oldLines.Length)} +{Range(newLines.Length)} @@\n";
        var length = header.Length;
        foreach (var (edit, line) in script)
        {
            length += (edit == LineEdit.Insert ? newLines[line] : oldLines[line]).Length + 2;
        }

        return string.Create(length, (header, before, after, oldLines, newLines, script), static (text, state) =>
        {
            state.header.CopyTo(text);
            var at = state.header.Length;
            foreach (var (edit, line) in state.script)
            {
                var (marker, source, printed) = edit switch
                {
                    LineEdit.Delete => ('-', state.before, state.oldLines[line]),
                    LineEdit.Insert => ('+', state.after, state.newLines[line]),
                    _ => (' ', state.before, state.oldLines[line]),
                };
                text[at++] = marker;
                source.AsSpan(printed.Start, printed.Length).CopyTo(text[at..]);
                at += printed.Length;
                text[at++] = '\n';
            }
        });
    }

    // The lines of a printed document (none for an empty one), each with the id its text has in `ids`.
    private static Line[] Lines(string printed, Dictionary<string, int> ids)
    {
        if (printed.Length == 0)
        {
            return [];
        }

        var byText = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var lines = new List<Line>();
        var start = 0;
        while (start <= printed.Length)
        {
            var end = printed.IndexOf('\n', start);
            end = end < 0 ? printed.Length : end;
            var text = printed.AsSpan(start, end - start);
            if (!byText.TryGetValue(text, out var id))
            {
                id = ids.Count;
                byText[text] = id;
            }

            lines.Add(new Line(id, start, end - start));
            start = end + 1;
        }

        return [.. lines];
    }

    private static int[] Ids(Line[] lines) => Array.ConvertAll(lines, line => line.Id);

    // A unified diff names an empty side "0,0" and otherwise its first line and length.
    private static string Range(int count) => count == 0 ? "0,0" : $"1,{count}";

    private readonly record struct Line(int Id, int Start, int Length);
}
