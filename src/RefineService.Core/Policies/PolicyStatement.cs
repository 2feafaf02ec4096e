using System.Text.Json;

namespace RefineService.Core.Policies;

/// <summary>What a statement does with the actions it names.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}

/// <summary>One statement of a <see cref="PolicyDocument"/>: its effect, its <c>Action</c> or <c>NotAction</c> entries, and every other member kept as written, in order.</summary>
public sealed class PolicyStatement
{
    private readonly JsonTokens _tokens;

    // The statement's members in order; the one whose Value is -1 is the Action or NotAction, written from Entries.
    private readonly IReadOnlyList<PolicyMember> _members;

    internal PolicyStatement(JsonTokens tokens, IReadOnlyList<PolicyMember> members, int index, string? sid, PolicyEffect effect, bool isNotAction, IReadOnlyList<string> entries, bool entriesAsString)
    {
        _tokens = tokens;
        _members = members;
        Index = index;
        Sid = sid;
        Effect = effect;
        IsNotAction = isNotAction;
        Entries = entries;
        EntriesAsString = entriesAsString;
    }

    /// <summary>The statement's 0-based position in the document it was read from.</summary>
    public int Index { get; }

    /// <summary>The statement's <c>Sid</c>, when it is a string.</summary>
    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    /// <summary>Whether the entries are a <c>NotAction</c> (every action but these) rather than an <c>Action</c>.</summary>
    public bool IsNotAction { get; }

    /// <summary>The entries of <c>Action</c> or <c>NotAction</c>, in order, as written.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Whether the entries were written as one string rather than an array; a single entry is written back the same way.</summary>
    public bool EntriesAsString { get; }

    /// <summary>The name of the member that holds the entries.</summary>
    public string EntriesKey => IsNotAction ? "NotAction" : "Action";

    /// <summary>The same statement with other entries in place of its own; a statement written with one string keeps that form while one entry is left.</summary>
    public PolicyStatement WithEntries(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new(_tokens, _members, Index, Sid, Effect, IsNotAction, entries, EntriesAsString && entries.Count == 1);
    }

    /// <summary>
    /// The same statement with a <c>NotAction</c> list of <paramref name="entries"/> where its <c>Action</c> stood (same place
    /// among its members, same form); the caller answers for the two allowing the same.
    /// </summary>
    /// <exception cref="InvalidOperationException">The statement already has a <c>NotAction</c>.</exception>
    public PolicyStatement AsNotAction(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (IsNotAction)
        {
            throw new InvalidOperationException("The statement already has a NotAction.");
        }

        var members = _members.Select(m => m.Value == -1 ? m with { Name = "NotAction" } : m).ToList();
        return new(_tokens, members, Index, Sid, Effect, isNotAction: true, entries, EntriesAsString && entries.Count == 1);
    }

    /// <summary>The same statement without its <c>Sid</c>, which only names a statement and changes nothing it allows or denies.</summary>
    public PolicyStatement WithoutSid() =>
        new(_tokens, [.. _members.Where(m => !string.Equals(m.Name, "Sid", StringComparison.Ordinal))], Index, sid: null, Effect, IsNotAction, Entries, EntriesAsString);

    /// <summary>
    /// The same statement with an <c>Action</c> list of <paramref name="entries"/> where its <c>NotAction</c> stood (same place
    /// among its members, same form); the caller answers for what the two allow.
    /// </summary>
    /// <exception cref="InvalidOperationException">The statement already has an <c>Action</c>.</exception>
    public PolicyStatement AsAction(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!IsNotAction)
        {
            throw new InvalidOperationException("The statement already has an Action.");
        }

        var members = _members.Select(m => m.Value == -1 ? m with { Name = "Action" } : m).ToList();
        return new(_tokens, members, Index, Sid, Effect, isNotAction: false, entries, EntriesAsString && entries.Count == 1);
    }

    /// <summary>Writes the statement: its members in their order, the entries in their form.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _tokens.WriteObject(writer, _members, this, static (writer, statement) =>
        {
            if (statement.EntriesAsString)
            {
                writer.WriteStringValue(statement.Entries[0]);
                return;
            }

            writer.WriteStartArray();
            foreach (var entry in statement.Entries)
            {
                writer.WriteStringValue(entry);
            }

            writer.WriteEndArray();
        });
    }
}

/// <summary>A member of an object of the document: its name, and the token its value starts at (-1: the member the model writes itself).</summary>
internal readonly record struct PolicyMember(string Name, int Value);
