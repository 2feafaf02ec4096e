using System.Text.Json;
using System.Text.Unicode;
using RefineService.Api.Limits;

namespace RefineService.Api.Validation;

/// <summary>
/// One pass over JSON before it is parsed, finding what the parser would let through but the service cannot take:
/// nesting deeper than <see cref="RequestLimits.MaxJsonDepth"/> (the answer nests a policy deeper than the request
/// does, so the serializer itself allows more), and strings or keys that no .NET string can hold: bytes that are not
/// UTF-8, or an escaped surrogate without its pair (<c>"\ud800"</c>), which fail only when such a string is read.
/// </summary>
internal static class JsonBodyScan
{
    // This pass finds the nesting that is too deep itself, with its path; the reader only has to get there.
    /// <summary>The sentence for JSON nested deeper than the service reads.</summary>
    public static readonly string TooDeep = $"Objects and arrays nest deeper than {RequestLimits.MaxJsonDepth} levels, the most this service reads.";

    private static readonly JsonReaderOptions Reading = new() { MaxDepth = 2 * RequestLimits.MaxJsonDepth };

    /// <summary>The JSON path of the first nesting too deep, or string or key that is not Unicode text, with a sentence saying why; null when there is none, or when the JSON is broken (its parser then says where).</summary>
    public static (string Path, string Problem)? FindProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Reading);

        // Where each open object or array sits, and how many items each array has had; paths are only written for an error.
        var containers = new List<Container>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = Read(ref reader, out var nameProblem);
                        if (nameProblem is not null)
                        {
                            return (PathOf(containers, null), $"A key {nameProblem}");
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Add(new Container(Next(containers, property), reader.TokenType == JsonTokenType.StartArray));
                        if (containers.Count > RequestLimits.MaxJsonDepth)
                        {
                            return (PathOf(containers, null), TooDeep);
                        }

                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.RemoveAt(containers.Count - 1);
                        break;
                    case JsonTokenType.String:
                        var place = Next(containers, property);
                        Read(ref reader, out var valueProblem);
                        if (valueProblem is not null)
                        {
                            return (PathOf(containers, place), $"The text {valueProblem}");
                        }

                        break;
                    default:
                        Next(containers, property);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    // The place of the value about to be read: the property just named, or the next item of the enclosing array.
    private static Place? Next(List<Container> containers, string? property)
    {
        if (containers.Count == 0)
        {
            return null;
        }

        var container = containers[^1];
        if (!container.IsArray)
        {
            return new Place(property, 0);
        }

        containers[^1] = container with { NextIndex = container.NextIndex + 1 };
        return new Place(null, container.NextIndex);
    }

    private static string PathOf(List<Container> containers, Place? last)
    {
        var path = JsonPath.Root;
        foreach (var place in containers.Select(c => c.Place).Append(last))
        {
            path = place switch
            {
                null => path,
                { Key: { } key } => JsonPath.Property(path, key),
                { Index: var index } => JsonPath.Item(path, index),
            };
        }

        return path;
    }

    private static string? Read(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        var raw = reader.ValueSpan;
        if (!Utf8.IsValid(raw))
        {
            problem = "is not valid UTF-8; send the body as UTF-8.";
            return null;
        }

        if (!reader.ValueIsEscaped && reader.TokenType != JsonTokenType.PropertyName)
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            problem = "holds an escaped surrogate (\\uD800 to \\uDFFF) without its pair, which is not a character.";
            return null;
        }
    }

    /// <summary>Where a value sits in its parent: under a key, or at an index.</summary>
    private sealed record Place(string? Key, int Index);

    private sealed record Container(Place? Place, bool IsArray, int NextIndex = 0);
}
