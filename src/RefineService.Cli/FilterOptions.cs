using System.CommandLine;
using System.Text.Json.Nodes;

namespace RefineService.Cli;

/// <summary>The options that spare unused actions, as flags of every command that refines: the request's <c>options</c> of the same names.</summary>
internal sealed class FilterOptions
{
    private readonly Option<int?> _unusedForDays = new("--unused-for-days") { Description = "An action counts as unused only if never used, or last used more than this many days before --as-of (options.unusedForDays)." };
    private readonly Option<string?> _asOf = new("--as-of") { Description = "The instant --unused-for-days counts back from, any timestamp form AWS's tools print; default: now (options.asOf)." };
    private readonly Option<string[]> _keep = new("--keep") { Description = "An action pattern never removed, such as iam:PassRole or kms:*; repeat for more (options.keep)." };
    private readonly Option<string[]> _accessLevels = new("--access-level") { Description = "Remove only unused actions of this access level: List, Read, Write, \"Permissions management\" or Tagging; repeat for more (options.accessLevels)." };
    private readonly Option<string[]> _skipStatements = new("--skip-statement") { Description = "The Sid of a statement copied unchanged; repeat for more (options.skipStatements)." };

    public static FilterOptions Create() => new();

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_unusedForDays);
        command.Options.Add(_asOf);
        command.Options.Add(_keep);
        command.Options.Add(_accessLevels);
        command.Options.Add(_skipStatements);
    }

    /// <summary>The request's <c>options</c> members the flags give; the service's validator judges their values.</summary>
    public JsonObject Read(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var options = new JsonObject();
        if (parsed.GetValue(_unusedForDays) is { } days)
        {
            options["unusedForDays"] = days;
        }

        if (parsed.GetValue(_asOf) is { } asOf)
        {
            options["asOf"] = asOf;
        }

        Add(options, "keep", parsed.GetValue(_keep));
        Add(options, "accessLevels", parsed.GetValue(_accessLevels));
        Add(options, "skipStatements", parsed.GetValue(_skipStatements));
        return options;
    }

    private static void Add(JsonObject options, string name, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            options[name] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }
    }
}
