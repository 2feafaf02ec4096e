using System.Text.Json;
using RefineService.Api.Limits;

namespace RefineService.Api.Validation;

/// <summary>Turns System.Text.Json's exceptions into sentences for the client.</summary>
internal static class JsonErrors
{
    private static readonly string[] Tails = [" Path: ", " LineNumber: "];

    /// <summary>The reader's own words, without its internal location suffix, then the location counted from 1: "... (line 3, position 14)".</summary>
    public static string Describe(JsonException exception)
    {
        // The serializer's words for a type mismatch name .NET types, which mean nothing to the client.
        var message = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "This value does not have the type the field needs (see the OpenAPI description)"
            : IsTooDeep(exception)
                ? $"Objects and arrays nest deeper than {RequestLimits.MaxJsonDepth} levels, the most this service reads"
                : exception.Message;
        foreach (var tail in Tails)
        {
            var at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        message = message.TrimEnd(' ', '|', '.');
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"{message} (line {line + 1}, position {position + 1})"
            : message;
    }

    /// <summary>Whether the reader stopped at <see cref="RequestLimits.MaxJsonDepth"/>: the JSON may be valid, but it is more than the service reads.</summary>
    public static bool IsTooDeep(JsonException exception) =>
        exception.Message.StartsWith("The maximum configured depth", StringComparison.Ordinal) ||
        (exception.InnerException is JsonException inner && IsTooDeep(inner));

    /// <summary>Whether the exception is the reader's (the text is not JSON) rather than the serializer's (JSON of the wrong shape).</summary>
    public static bool IsSyntaxError(JsonException exception) =>
        exception.GetType() != typeof(JsonException) || exception.InnerException is JsonException;
}
