using System.Text.Json;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Policies;

namespace RefineService.Api.Errors;

/// <summary>Where and why a request body could not be read, told by the exception's kind and position, never by its words; the service and the command-line tool say it alike.</summary>
public static class UnreadableJson
{
    /// <summary>The JSON path where reading stopped.</summary>
    public static string Path(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Path ?? JsonPath.Root;
    }

    /// <summary>The sentence, with the line and position (counted from 1) when the reader knows them.</summary>
    public static string Sentence(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return What(exception) + Where(exception);
    }

    /// <summary>The sentence without the position: for a value read on its own, whose lines are not the body's.</summary>
    public static string Reason(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return What(exception) + ".";
    }

    // The runtime's wording may change with any update; its exception types and positions do not.
    private static string What(JsonException exception) => exception switch
    {
        // The contract's own converters say what the value should be.
        ContractValueException => exception.Message.TrimEnd('.'),

        // The reader's (a subclass): the text is not JSON, or nests deeper than the reader goes.
        _ when exception.GetType() != typeof(JsonException) || exception.InnerException is JsonException =>
            $"The body is not valid JSON, or nests deeper than {2 * RequestLimits.MaxJsonDepth} levels",

        // The serializer's: JSON of the wrong shape.
        _ => "This value does not have the type the field needs (see the OpenAPI description)",
    };

    private static string Where(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (line {line + 1}, position {position + 1}).")
            : ".";
}
