using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>Writes an answer's timestamps as AWS's JSON APIs do, ISO 8601 in UTC (<c>2024-06-10T13:45:00Z</c>); reads the forms of <see cref="AwsTimestamp"/>.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new AwsTimestampConverter().Read(ref reader, typeof(AwsTimestamp), options) switch
        {
            { Value: { } instant } => instant,
            var unreadable => throw new ContractValueException(unreadable.Problem!),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[AwsTimestampConverter.MaxFormattedLength];
        writer.WriteStringValue(text[..AwsTimestampConverter.Format(value, text)]);
    }
}
