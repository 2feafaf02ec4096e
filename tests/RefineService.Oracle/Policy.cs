using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>One statement as IAM reads it: its effect, whether its list is a <c>NotAction</c>, and the entries of that list.</summary>
public sealed record PolicyStatement(bool IsAllow, bool IsNotAction, IReadOnlyList<string> Entries)
{
    /// <summary>The statement's <c>Sid</c>, when it is a string.</summary>
    public string? Sid { get; init; }

    /// <summary>Whether the statement allows the action <paramref name="name"/> (Deny statements allow nothing and are not evaluated).</summary>
    public bool Allows(string name) => IsAllow && Entries.Any(e => Glob.IsMatch(e, name)) != IsNotAction;
}

/// <summary>An IAM policy document as IAM reads it: <c>Statement</c> one object or a list; <c>Action</c>/<c>NotAction</c> one string or a list.</summary>
public sealed class Policy
{
    private Policy(IReadOnlyList<PolicyStatement?> statements) => Statements = statements;

    /// <summary>The statements in order; null where a statement has both or neither of <c>Action</c> and <c>NotAction</c>.</summary>
    public IReadOnlyList<PolicyStatement?> Statements { get; }

    /// <summary>Reads a document given as a JSON object or as a string holding one; null reads as a policy with no statement.</summary>
    public static Policy Read(JsonNode? document)
    {
        if (document is JsonValue text && text.TryGetValue<string>(out var json))
        {
            document = JsonNode.Parse(json);
        }

        var statements = document?["Statement"] switch
        {
            JsonArray list => list.ToList(),
            JsonObject single => [single],
            _ => [],
        };
        return new Policy([.. statements.Select(Statement)]);
    }

    /// <summary>Whether any Allow statement allows <paramref name="name"/>.</summary>
    public bool Allows(string name) => Statements.Any(s => s?.Allows(name) == true);

    /// <summary>Which catalog actions the Allow statements allow.</summary>
    public bool[] Allowed(OracleCatalog catalog) => Allowed(catalog, _ => true);

    /// <summary>Which catalog actions the Allow statements among <paramref name="which"/> allow.</summary>
    public bool[] Allowed(OracleCatalog catalog, Func<PolicyStatement, bool> which)
    {
        var allowed = new bool[catalog.Count];
        foreach (var statement in Statements.OfType<PolicyStatement>().Where(s => s.IsAllow && which(s)))
        {
            var matched = Matched(catalog, statement.Entries);
            for (var i = 0; i < allowed.Length; i++)
            {
                allowed[i] |= matched[i] != statement.IsNotAction;
            }
        }

        return allowed;
    }

    /// <summary>Which catalog actions any of <paramref name="entries"/> matches.</summary>
    public static bool[] Matched(OracleCatalog catalog, IEnumerable<string> entries)
    {
        var matched = new bool[catalog.Count];
        foreach (var entry in entries)
        {
            Glob.Mark(catalog, entry, matched);
        }

        return matched;
    }

    private static PolicyStatement? Statement(JsonNode? node)
    {
        var action = node?["Action"];
        var notAction = node?["NotAction"];
        if ((action is null) == (notAction is null))
        {
            return null;
        }

        var entries = (action ?? notAction) switch
        {
            JsonArray list => list.Select(e => e!.GetValue<string>()).ToList(),
            var one => [one!.GetValue<string>()],
        };
        return new PolicyStatement(node!["Effect"]?.GetValue<string>() == "Allow", notAction is not null, entries)
        {
            Sid = node["Sid"] is JsonValue sid && sid.TryGetValue<string>(out var text) ? text : null,
        };
    }
}
