using System.Globalization;
using System.Text;
using System.Text.Json;
using RefineService.Api.Contracts;

namespace RefineService.Api.Tests;

/// <summary>
/// The converter reads AWS's usual forms (ISO 8601 with <c>Z</c> or an offset) without its pattern; whatever that shortcut reads, or
/// refuses, must be what the pattern reads.
/// </summary>
public sealed class AwsTimestampReadingTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new AwsTimestampConverter() } };

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryFormWithAZoneIsReadAsThePatternReadsIt(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2_000; i++)
        {
            var written = WithZone(random);

            // Escaped as some encoders write it ('+' as \u002B) and as written.
            var read = JsonSerializer.Deserialize<AwsTimestamp>(JsonSerializer.Serialize(written), Options);
            var readRaw = JsonSerializer.Deserialize<AwsTimestamp>($"\"{written}\"", Options);

            Assert.Equal(read, readRaw);
            Assert.True(read.Value == AwsTimestampConverter.TryParse(written), $"'{written}': read {read.Value?.ToString("O", CultureInfo.InvariantCulture) ?? read.Problem}");
        }
    }

    [Theory]
    [InlineData("2024-02-29T23:59:59.9999999Z", "2024-02-29T23:59:59.9999999+00:00")]
    [InlineData("2024-06-10T13:45:00.123456789Z", "2024-06-10T13:45:00.1234567+00:00")]
    [InlineData("2024-06-10T13:45Z", "2024-06-10T13:45:00.0000000+00:00")]
    [InlineData("2024-06-10T13:45:00.512000+00:00", "2024-06-10T13:45:00.5120000+00:00")]
    [InlineData("2024-06-10T15:45:00+02:00", "2024-06-10T13:45:00.0000000+00:00")]
    public void TheUsualFormsAreReadToTheTick(string written, string expected)
    {
        var read = JsonSerializer.Deserialize<AwsTimestamp>(JsonSerializer.Serialize(written), Options);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), read.Value);
        Assert.Equal(TimeSpan.Zero, read.Value!.Value.Offset);
    }

    // Mostly valid instants with a zone, with the faults a hand-written or mangled value has: impossible days and hours, missing parts, long fractions.
    private static string WithZone(Random random)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{random.Next(1, 10_000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}");
        text.Append(random.Next(20) == 0 ? 't' : 'T');
        text.Append(CultureInfo.InvariantCulture, $"{random.Next(0, 26):D2}:{random.Next(0, 61):D2}");
        if (random.Next(8) != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $":{random.Next(0, 62):D2}");
            if (random.Next(2) == 0)
            {
                text.Append('.');
                var digits = random.Next(1, 12);
                for (var d = 0; d < digits; d++)
                {
                    text.Append((char)('0' + random.Next(10)));
                }
            }
        }

        return random.Next(6) switch
        {
            0 => text.Append('z').ToString(),
            1 or 2 => text.Append(CultureInfo.InvariantCulture, $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 17):D2}:{random.Next(0, 61):D2}").ToString(),
            3 => text.Append(CultureInfo.InvariantCulture, $"+{random.Next(0, 15):D2}{random.Next(0, 60):D2}").ToString(),
            _ => text.Append('Z').ToString(),
        };
    }
}
