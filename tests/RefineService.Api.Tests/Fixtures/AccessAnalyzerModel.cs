using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>
/// AWS's published API model of Access Analyzer (the shapes checked in under <c>AwsShapes/</c>, from Botocore), read as
/// data: a value of the service's answer is checked against a shape by the model's own rules, so that a member misspelt,
/// a required one missing, an enum value AWS does not define or a union holding two members is caught by AWS's definition
/// rather than by this project's idea of it.
/// </summary>
public sealed class AccessAnalyzerModel
{
    private readonly JsonObject _shapes;

    private AccessAnalyzerModel(JsonObject shapes) => _shapes = shapes;

    public static AccessAnalyzerModel Shipped { get; } = new(
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AwsShapes", "accessanalyzer-2019-11-01.shapes.json")))!["shapes"]!.AsObject());

    /// <summary>Where <paramref name="value"/> breaks the rules of shape <paramref name="shape"/>, as JSON paths with reasons; empty when it keeps them.</summary>
    public IReadOnlyList<string> Violations(JsonNode? value, string shape)
    {
        var violations = new List<string>();
        Check(value, shape, "$", violations);
        return violations;
    }

    private void Check(JsonNode? value, string shapeName, string path, List<string> violations)
    {
        var shape = _shapes[shapeName]?.AsObject() ?? throw new ArgumentException($"The model has no shape {shapeName}.", nameof(shapeName));
        var type = (string)shape["type"]!;
        if (value is null)
        {
            violations.Add($"{path}: null where the model has a {type} ({shapeName}); AWS leaves a member out rather than write null");
            return;
        }

        switch (type)
        {
            case "structure":
                if (value is not JsonObject structure)
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has the structure {shapeName}");
                    return;
                }

                var members = shape["members"]!.AsObject();
                foreach (var (name, member) in structure)
                {
                    if (members[name] is not { } definition)
                    {
                        violations.Add($"{path}.{name}: {shapeName} has no member '{name}' (members: {string.Join(", ", members.Select(m => m.Key))})");
                        continue;
                    }

                    Check(member, (string)definition["shape"]!, $"{path}.{name}", violations);
                }

                foreach (var required in shape["required"]?.AsArray().Select(r => (string)r!) ?? [])
                {
                    if (!structure.ContainsKey(required))
                    {
                        violations.Add($"{path}: {shapeName} requires '{required}'");
                    }
                }

                if (shape["union"]?.GetValue<bool>() == true && structure.Count != 1)
                {
                    violations.Add($"{path}: {shapeName} is a union and holds exactly one member, not {structure.Count}");
                }

                break;
            case "list":
                if (value is not JsonArray list)
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has the list {shapeName}");
                    return;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    Check(list[i], (string)shape["member"]!["shape"]!, $"{path}[{i}]", violations);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has the map {shapeName}");
                    return;
                }

                foreach (var (key, item) in map)
                {
                    Check(item, (string)shape["value"]!["shape"]!, $"{path}['{key}']", violations);
                }

                break;
            case "string":
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has the string {shapeName}");
                    return;
                }

                var text = value.GetValue<string>();
                if (shape["enum"]?.AsArray().Select(e => (string)e!).ToList() is { } values && !values.Contains(text))
                {
                    violations.Add($"{path}: '{text}' is not a value of {shapeName} ({string.Join(", ", values)})");
                }

                if (shape["pattern"] is { } pattern && !Regex.IsMatch(text, $"^(?:{(string)pattern!})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    violations.Add($"{path}: '{text}' does not match the pattern of {shapeName}");
                }

                break;
            case "timestamp":
                // The model's format for this service is iso8601: RFC 3339's date-time, as AWS's JSON APIs write it.
                if (value.GetValueKind() != JsonValueKind.String || !Iso8601().IsMatch(value.GetValue<string>()))
                {
                    violations.Add($"{path}: {value.ToJsonString()} is not an ISO 8601 timestamp ({shapeName})");
                }

                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has a boolean");
                }

                break;
            default:
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    violations.Add($"{path}: a {value.GetValueKind()} where the model has a {type}");
                }

                break;
        }
    }

    private static Regex Iso8601() => new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
