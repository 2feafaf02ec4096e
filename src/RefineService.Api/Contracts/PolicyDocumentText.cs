using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Limits;
using RefineService.Api.Validation;

namespace RefineService.Api.Contracts;

/// <summary>Reads a policy document given as a JSON object or as a string holding the JSON of one (as IAM's own APIs return documents).</summary>
internal static class PolicyDocumentText
{
    // As strict as the request body: a key given twice is refused, not silently resolved.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = RequestLimits.MaxJsonDepth };

    /// <summary>The document as a JSON object; false, with a sentence saying why, when it is not one.</summary>
    public static bool TryRead(JsonElement value, out JsonElement document, [NotNullWhen(false)] out string? problem)
    {
        document = value;
        problem = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (JsonBodyScan.FindProblem(Encoding.UTF8.GetBytes(text)) is { } invalid)
            {
                problem = $"{invalid.Problem.TrimEnd('.')} (at {invalid.Path} of the document the string holds).";
                return false;
            }

            try
            {
                document = JsonElement.Parse(text, Strict);
            }
            catch (JsonException ex)
            {
                problem = $"The string does not hold valid JSON: {JsonErrors.Describe(ex)}.";
                return false;
            }

            if (document.ValueKind != JsonValueKind.Object)
            {
                problem = $"The string holds JSON, but {Describe(document.ValueKind)} rather than a policy document object.";
                return false;
            }

            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = $"A policy document must be a JSON object, or a string holding the JSON of one; this is {Describe(value.ValueKind)}.";
            return false;
        }

        return true;
    }

    /// <summary>The document, already validated, as the engine takes it; key order and values as given.</summary>
    public static JsonObject ToObject(JsonElement value) =>
        TryRead(value, out var document, out var problem)
            ? JsonObject.Create(document)!
            : throw new ArgumentException(problem, nameof(value));

    /// <summary>"an array", "a number", ... for messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
