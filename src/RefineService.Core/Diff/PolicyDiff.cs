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
        ArgumentNullException.ThrowIfNull(original);

        // Both printed into pooled buffers: a large document's text is megabytes, and only the diff itself is kept.
        using var before = original.WriteChars(PolicyDocument.Indented);
        using var after = recommended?.WriteChars(PolicyDocument.Indented) ?? new PooledBuffer<char>(0);
        if (before.WrittenSpan.SequenceEqual(after.WrittenSpan))
        {
            return string.Empty;
        }

        var ids = new LineIds();
        var oldLines = ids.Lines(before);
        var newLines = ids.Lines(after);
        var script = LineDiff.Compute(Ids(oldLines), Ids(newLines), ids.Count, cancellationToken);

        // Written once at its exact length: a large document's diff is megabytes, better not copied as it grows.
        var header = $"--- original\n+++ recommended\n@@ -{Range(oldLines.Length)} +{Range(newLines.Length)} @@\n";
        var length = header.Length;
        foreach (var (edit, line) in script)
        {
            length += (edit == LineEdit.Insert ? newLines[line] : oldLines[line]).Length + 2;
        }

        return string.Create(length, (header, before, after, oldLines, newLines, script), static (output, state) =>
        {
            state.header.CopyTo(output);
            var at = state.header.Length;
            foreach (var (edit, line) in state.script)
            {
                var (marker, source, printed) = edit switch
                {
                    LineEdit.Delete => ('-', state.before, state.oldLines[line]),
                    LineEdit.Insert => ('+', state.after, state.newLines[line]),
                    _ => (' ', state.before, state.oldLines[line]),
                };
                output[at++] = marker;
                source.WrittenSpan.Slice(printed.Start, printed.Length).CopyTo(output[at..]);
                at += printed.Length;
                output[at++] = '\n';
            }
        });
    }

    private static int[] Ids(LineIds.Line[] lines) => Array.ConvertAll(lines, line => line.Id);

    // A unified diff names an empty side "0,0" and otherwise its first line and length.
    private static string Range(int count) => count == 0 ? "0,0" : $"1,{count}";
}
