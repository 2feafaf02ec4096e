using System.Text.Json;

namespace RefineService.Api.Contracts;

/// <summary>Reads the object form of an action, <c>{ "action", "lastAccessed" }</c>, as unused and used actions both write it: the members named, any case; others kept by name.</summary>
internal static class ActionObjectReader
{
    private static readonly AwsTimestampConverter Timestamps = new();

    /// <summary>Reads the object the reader stands at the start of, up to its end.</summary>
    public static (string? Action, AwsTimestamp? LastAccessed, List<string>? Unknown) Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        string? action = null;
        AwsTimestamp? lastAccessed = null;
        List<string>? unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The two members as AWS spells them are matched without a string: a finding lists hundreds of actions.
            var name = reader.ValueTextEquals("action"u8) ? "action" : reader.ValueTextEquals("lastAccessed"u8) ? "lastAccessed" : reader.GetString();
            reader.Read();
            if (string.Equals(name, "action", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
            {
                action = reader.GetString();
            }
            else if (string.Equals(name, "lastAccessed", StringComparison.OrdinalIgnoreCase))
            {
                lastAccessed = reader.TokenType == JsonTokenType.Null ? null : Timestamps.Read(ref reader, typeof(AwsTimestamp), options);
            }
            else
            {
                if (!string.Equals(name, "action", StringComparison.OrdinalIgnoreCase))
                {
                    (unknown ??= []).Add(name!);
                }

                Skip(ref reader);
            }
        }

        return (action, lastAccessed, unknown);
    }

    // The serializer hands a converter a reader that is not on the final block, though the whole value is there: Skip would refuse.
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON text ends inside an action.");
        }
    }
}
