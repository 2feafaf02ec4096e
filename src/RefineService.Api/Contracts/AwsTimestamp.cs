using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// A timestamp of an AWS shape, in any form AWS's tools print one: ISO 8601 (<c>2024-06-10T13:45:00Z</c>, with an offset,
/// with fractions of seconds of any length), Python's <c>str(datetime)</c> (<c>2024-06-10 13:45:00+00:00</c>), or epoch
/// seconds as a number (<c>1718027100</c>, <c>1718027100.5</c>). A value that is none of these is kept as
/// <see cref="Unreadable"/> so that the validator can report every such value of a request at its path, not only the first.
/// </summary>
[JsonConverter(typeof(AwsTimestampConverter))]
public readonly record struct AwsTimestamp
{
    /// <summary>The sentence that says which forms are accepted.</summary>
    public const string AcceptedForms =
        "a timestamp is ISO 8601 (\"2024-06-10T13:45:00Z\", with an offset such as \"+02:00\" or fractions of seconds), " +
        "Python's form (\"2024-06-10 13:45:00+00:00\"), or epoch seconds (not milliseconds) as a number (1718027100 or 1718027100.5)";

    private AwsTimestamp(DateTimeOffset? value, string? unreadable)
    {
        Value = value;
        Unreadable = unreadable;
    }

    /// <summary>The instant, in UTC; null when the value could not be read.</summary>
    public DateTimeOffset? Value { get; }

    /// <summary>The value as the request wrote it, when it is not a timestamp; null otherwise.</summary>
    public string? Unreadable { get; }

    public static AwsTimestamp Of(DateTimeOffset value) => new(value.ToUniversalTime(), null);

    public static AwsTimestamp NotATimestamp(string written) => new(null, written);

    /// <summary>Why the value is not a timestamp, or null when it is one.</summary>
    public string? Problem => Unreadable is null ? null : $"{Unreadable} is not a timestamp: {AcceptedForms}.";
}
