using System.Globalization;
using System.Text.Json;
using RefineService.Api.Contracts;

namespace RefineService.Api.Tests;

/// <summary>
/// Timestamps are written without the runtime's custom pattern interpreter; whatever instant is written, the text must be the
/// one the pattern <c>yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'</c> writes in UTC, so that no answer changes by a byte.
/// </summary>
public sealed class AwsTimestampFormattingTests
{
    private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcTimestampConverter() } };

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 8)];

    public static TheoryData<string> Instants =>
    [
        "0001-01-01T00:00:00.0000000+00:00",
        "9999-12-31T23:59:59.9999999+00:00",
        "2024-06-10T13:45:00.0000000+00:00",
        "2024-06-10T13:45:00.5120000+00:00",
        "2024-06-10T13:45:00.0000001+00:00",
        "2024-06-10T13:45:00.1000000+00:00",
        "2024-06-10T13:45:00.1234567+00:00",
        "2024-06-10T13:45:00.0100000+00:00",
        "2024-02-29T23:59:59.9999990+00:00",
        "2024-06-10T01:30:00.2500000+02:00",
        "0999-03-04T05:06:07.0000700-07:00",
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void AnInstantIsWrittenAsThePatternWritesIt(string instant)
    {
        var value = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

        Assert.Equal(value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture), AwsTimestampConverter.Format(value));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnyInstantIsWrittenAsThePatternWritesIt(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);

            // Whole seconds and few fraction digits are what AWS writes: make them as likely as any other.
            ticks -= (i % 4) switch { 0 => ticks % TimeSpan.TicksPerSecond, 1 => ticks % TimeSpan.TicksPerMillisecond, 2 => ticks % 10, _ => 0 };
            var value = new DateTimeOffset(ticks, TimeSpan.Zero);

            Assert.Equal(value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture), AwsTimestampConverter.Format(value));
        }
    }

    [Fact]
    public void AnAnswerTimestampIsWrittenAsTheTextFormatGives()
    {
        var value = new DateTimeOffset(2024, 6, 10, 15, 45, 0, 100, TimeSpan.FromHours(2));

        Assert.Equal("\"2024-06-10T13:45:00.1Z\"", JsonSerializer.Serialize(value, Options));
    }
}
