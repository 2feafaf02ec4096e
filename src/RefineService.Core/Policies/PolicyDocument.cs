using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RefineService.Core.Policies;

/// <summary>
/// An IAM policy document read once: its statements, each with its effect and its <c>Action</c> or <c>NotAction</c>
/// entries in their original form, and every other member kept as written and in order; with the problems found while
/// reading it, each at its JSON path. Immutable; a refinement makes a new document that shares what it did not change.
/// </summary>
public sealed class PolicyDocument
{
    /// <summary>Compact, characters as written (no <c>\u0027</c> escapes): how IAM counts a policy's size and Access Analyzer hands a policy out.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Two-space indentation, line feeds, characters as written: how the unified diff prints a document.</summary>
    public static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly JsonTokens _tokens;

    // The document's members in order; the one whose Value is -1 is Statement, written from Statements.
    private readonly IReadOnlyList<PolicyMember> _members;

    private string? _compact;

    internal PolicyDocument(JsonTokens tokens, IReadOnlyList<PolicyMember> members, IReadOnlyList<PolicyStatement> statements, bool statementIsArray, IReadOnlyList<PolicyProblem> problems)
    {
        _tokens = tokens;
        _members = members;
        Statements = statements;
        StatementIsArray = statementIsArray;
        Problems = problems;
    }

    /// <summary>The statements, in order; those of a document with problems may be incomplete.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Whether <c>Statement</c> is an array, rather than one statement object.</summary>
    public bool StatementIsArray { get; }

    /// <summary>What IAM or the service would refuse, each at its path relative to the document; empty for a document IAM would take.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    /// <summary>Whether every statement was read into the model, so the document can be refined; problems of action syntax or characters alone leave it complete.</summary>
    public bool IsComplete { get; internal init; }

    /// <summary>Reads a document from its JSON text.</summary>
    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PolicyDocumentReader.ReadText(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a document from its UTF-8 JSON text.</summary>
    public static PolicyDocument Parse(ReadOnlySpan<byte> utf8Json) => PolicyDocumentReader.ReadText(utf8Json);

    /// <summary>
    /// Reads the document <paramref name="reader"/> is at: a JSON object, or a string holding the JSON of one (as IAM's own
    /// APIs return documents); the reader is left on the value's last token. A value of another kind is a problem.
    /// </summary>
    /// <param name="reader">A reader on the first token of the value.</param>
    /// <param name="maxDepth">How deep the value may nest, the value itself being level 1.</param>
    public static PolicyDocument Read(ref Utf8JsonReader reader, int maxDepth = PolicyLimits.MaxJsonDepth) => PolicyDocumentReader.ReadValue(ref reader, maxDepth);

    /// <summary>
    /// Reads a document kept as the JSON value it was sent as, read later: a JSON object, or a string holding the JSON of one,
    /// exactly as <see cref="Read(ref Utf8JsonReader, int)"/> reads it where it stands.
    /// </summary>
    /// <param name="utf8Value">The value's UTF-8 JSON, well formed (it was read once already).</param>
    /// <param name="maxDepth">How deep the value may nest, the value itself being level 1.</param>
    public static PolicyDocument Read(ReadOnlySpan<byte> utf8Value, int maxDepth = PolicyLimits.MaxJsonDepth) => PolicyDocumentReader.ReadValue(utf8Value, maxDepth);

    /// <summary>The same document with <paramref name="statements"/> in place of its own, written in the same form (an array, or one object).</summary>
    public PolicyDocument WithStatements(IReadOnlyList<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return new(_tokens, _members, statements, StatementIsArray || statements.Count != 1, []) { IsComplete = statements.Count > 0 };
    }

    /// <summary>Writes the document: its members in their order, the statements in their form.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _tokens.WriteObject(writer, _members, this, static (writer, document) =>
        {
            if (!document.StatementIsArray)
            {
                document.Statements[0].WriteTo(writer);
                return;
            }

            writer.WriteStartArray();
            foreach (var statement in document.Statements)
            {
                statement.WriteTo(writer);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>The document as compact JSON text with characters as written (<see cref="Compact"/>); made once.</summary>
    public string ToCompactJson() => _compact ??= ToJson(Compact);

    /// <summary>The document as JSON text written with <paramref name="options"/>.</summary>
    public string ToJson(JsonWriterOptions options)
    {
        using var text = WriteUtf8(options);
        return Encoding.UTF8.GetString(text.WrittenSpan);
    }

    /// <summary>The document's UTF-8 JSON text written with <paramref name="options"/> into a pooled buffer, which the caller disposes.</summary>
    internal PooledBuffer<byte> WriteUtf8(JsonWriterOptions options)
    {
        var buffer = new PooledBuffer<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, options);
        WriteTo(writer);
        writer.Flush();
        return buffer;
    }

    /// <summary>The document's JSON text written with <paramref name="options"/> into a pooled buffer of characters, which the caller disposes.</summary>
    internal PooledBuffer<char> WriteChars(JsonWriterOptions options)
    {
        using var utf8 = WriteUtf8(options);
        var chars = new PooledBuffer<char>(utf8.Count);
        chars.Advance(Encoding.UTF8.GetChars(utf8.WrittenSpan, chars.GetSpan(utf8.Count)));
        return chars;
    }

    public override string ToString() => ToCompactJson();
}
