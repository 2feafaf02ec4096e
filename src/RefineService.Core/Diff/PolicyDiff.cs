using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace RefineService.Core.Diff;

/// <summary>A unified line diff of a policy document and its recommendation, both pretty-printed the same way.</summary>
public static class PolicyDiff
{
    /// <summary>How both documents are printed: two-space indentation, characters as written (no <c>\u0027</c> escapes).</summary>
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as this diff prints it.</summary>
    public static string Print(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJsonString(Pretty);
    }

    /// <summary>
    /// The diff from <paramref name="original"/> to <paramref name="recommended"/> (null: no document is left) as one
    /// hunk holding the whole document, as in the seed article's figure; empty when the two print the same.
    /// </summary>
    public static string Unified(JsonNode original, JsonNode? recommended)
    {
        var before = Print(original);
        var after = recommended is null ? string.Empty : Print(recommended);
        if (before == after)
        {
            return string.Empty;
        }

        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var lines = new StringBuilder();
        int removed = 0, added = 0, unchanged = 0;
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Deleted:
                    lines.Append('-');
                    removed++;
                    break;
                case ChangeType.Inserted:
                    lines.Append('+');
                    added++;
                    break;
                default:
                    lines.Append(' ');
                    unchanged++;
                    break;
            }

            lines.Append(line.Text).Append('\n');
        }

        var oldCount = unchanged + removed;
        var newCount = unchanged + added;
        return new StringBuilder()
            .Append("--- original\n+++ recommended\n")
            .Append("@@ -").Append(Range(oldCount)).Append(" +").Append(Range(newCount)).Append(" @@\n")
            .Append(lines)
            .ToString();
    }

    // A unified diff names an empty side "0,0" and otherwise its first line and length.
    private static string Range(int count) => count == 0 ? "0,0" : $"1,{count}";
}
