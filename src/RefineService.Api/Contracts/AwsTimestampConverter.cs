using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RefineService.Api.Contracts;

/// <summary>Reads the forms of <see cref="AwsTimestamp"/>; writes ISO 8601 in UTC, as AWS's JSON APIs do (<c>2024-06-10T13:45:00Z</c>).</summary>
public sealed partial class AwsTimestampConverter : JsonConverter<AwsTimestamp>
{
    // The most a timestamp of the year 9999 takes in epoch seconds; more is milliseconds or nonsense.
    private const decimal MaxEpochSeconds = 253_402_300_799m;

    // 2024-06-10T13:45:00.1234567 and Z or +hh:mm
    private const int IsoMaxLengthWithoutZone = 27;

    public override AwsTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // ISO 8601 with 'Z' or a '+hh:mm' offset, as AWS's APIs and CLI write every timestamp, is read without a string or
                // the pattern; anything else (no offset, which the reader would take as local time) takes the pattern, which reads every form.
                if (HasZoneAndAtMostSevenFractionDigits(ref reader) && reader.TryGetDateTimeOffset(out var zoned))
                {
                    return AwsTimestamp.Of(zoned);
                }

                var text = reader.GetString()!;
                return TryParse(text) is { } instant ? AwsTimestamp.Of(instant) : AwsTimestamp.NotATimestamp(Quote(text));
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var seconds) && seconds is >= 0 and <= MaxEpochSeconds)
                {
                    var milliseconds = (long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
                    return AwsTimestamp.Of(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
                }

                return AwsTimestamp.NotATimestamp("The number " + Quote(Encoding(ref reader)).Trim('\''));
            default:
                var kind = reader.TokenType switch
                {
                    JsonTokenType.StartObject => "An object",
                    JsonTokenType.StartArray => "An array",
                    JsonTokenType.True or JsonTokenType.False => "A boolean",
                    _ => "This value",
                };
                if (!reader.TrySkip())
                {
                    throw new JsonException("The JSON text ends inside a timestamp.");
                }

                return AwsTimestamp.NotATimestamp(kind);
        }
    }

    public override void Write(Utf8JsonWriter writer, AwsTimestamp value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Value is { } instant)
        {
            writer.WriteStringValue(Format(instant));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>The most characters <see cref="Format(DateTimeOffset, Span{char})"/> writes: <c>2024-06-10T13:45:00.1234567Z</c>.</summary>
    public const int MaxFormattedLength = IsoMaxLengthWithoutZone + 1;

    /// <summary>ISO 8601 in UTC with <c>Z</c>, fractions of seconds only when there are some.</summary>
    public static string Format(DateTimeOffset instant)
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        return new string(text[..Format(instant, text)]);
    }

    /// <summary>
    /// Writes what <see cref="Format(DateTimeOffset)"/> returns into <paramref name="destination"/>, which holds at least
    /// <see cref="MaxFormattedLength"/> characters, and returns how many it wrote: the text of the custom pattern
    /// <c>yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'</c>, without the custom pattern's interpreter (a quarter of a microsecond a
    /// timestamp, and a finding's answer writes four: docs/performance.md).
    /// </summary>
    public static int Format(DateTimeOffset instant, Span<char> destination)
    {
        if (destination.Length < MaxFormattedLength)
        {
            throw new ArgumentException($"A timestamp takes up to {MaxFormattedLength} characters.", nameof(destination));
        }

        // "s" is the runtime's own fast form of yyyy-MM-ddTHH:mm:ss (the invariant culture's, whatever the current one).
        var utc = instant.UtcDateTime;
        utc.TryFormat(destination, out var written, "s", CultureInfo.InvariantCulture);

        // FFFFFFF: the seven digits of the ticks within the second without their trailing zeros, and no '.' when none is left.
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[written++] = '.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[written + i] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            written += digits;
        }

        destination[written++] = 'Z';
        return written;
    }

    /// <summary>The instant <paramref name="text"/> names in one of the accepted forms, or null.</summary>
    public static DateTimeOffset? TryParse(string text)
    {
        var match = TimestampPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value : string.Empty;

        // Ticks are tenths of microseconds: digits beyond the seventh cannot be kept, and AWS never writes them anyway.
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0').AsSpan(0, 7), NumberStyles.None, CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        if (match.Groups["offset"].Success && match.Groups["offset"].ValueSpan is var written && written is not ("Z" or "z"))
        {
            var sign = written[0] == '-' ? -1 : 1;
            var digits = written[1..].ToString().Replace(":", string.Empty, StringComparison.Ordinal);
            offset = sign * new TimeSpan(int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture), int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture), 0);
            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                return null;
            }
        }

        try
        {
            var local = new DateTime(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"),
                match.Groups["second"].Success ? Part("second") : 0, DateTimeKind.Unspecified).AddTicks(ticks);

            // A timestamp without an offset is UTC: AWS's are, and Python prints a UTC datetime without one when it has no tzinfo.
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            // A month 13, a February 30th, an hour 25: the pattern has the right digits, the calendar has no such day.
            return null;
        }
    }

    // The value as written may be escaped ('+' is "\u002B" to some encoders): its unescaped text is what counts.
    private static bool HasZoneAndAtMostSevenFractionDigits(ref Utf8JsonReader reader)
    {
        // Written as is, as AWS's tools write it: the value's own bytes are its text, no copy needed.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return HasZoneAndAtMostSevenFractionDigits(reader.ValueSpan);
        }

        const int MaxEscaped = 6 * (IsoMaxLengthWithoutZone + 6);
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > MaxEscaped)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[MaxEscaped];
        return HasZoneAndAtMostSevenFractionDigits(text[..reader.CopyString(text)]);
    }

    private static bool HasZoneAndAtMostSevenFractionDigits(ReadOnlySpan<byte> text) => text switch
    {
        [.., (byte)'Z'] => text.Length <= IsoMaxLengthWithoutZone + 1,
        [.., (byte)'+' or (byte)'-', >= (byte)'0' and <= (byte)'9', >= (byte)'0' and <= (byte)'9', (byte)':', >= (byte)'0' and <= (byte)'9', >= (byte)'0' and <= (byte)'9']
            => text.Length <= IsoMaxLengthWithoutZone + 6,
        _ => false,
    };

    private static string Quote(string text) => text.Length > 40 ? $"'{text[..40]}...'" : $"'{text}'";

    private static string Encoding(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);

    // Date, then 'T' (ISO 8601) or a space (Python), then the time with optional seconds and fractions, then Z or an offset.
    [GeneratedRegex(
        @"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt ](?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(\.(?<fraction>\d{1,30}))?)?(?<offset>[Zz]|[+-]\d{2}:?\d{2})?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TimestampPattern();
}
