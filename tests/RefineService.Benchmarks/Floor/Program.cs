using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// The framework's floor for a request of the seed's size (load/run.sh): what ASP.NET Core costs to read a 2 KB JSON body,
// parse it with System.Text.Json and write a 3.3 KB JSON answer, with nothing of the service's own around it. Same host
// defaults as the service (configuration beside the binary, no Server header), no log line per request.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddHealthChecks();

var app = builder.Build();

// As the service's liveness probe: the framework's health checks, no checks run, {"status":"Healthy"}.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = FloorAnswers.WriteHealthAsync });

// Reads and parses the body, then answers FLOOR_ANSWER_BYTES (default 3,339, the seed answer's size) of JSON built from it.
var answerBytes = int.TryParse(Environment.GetEnvironmentVariable("FLOOR_ANSWER_BYTES"), out var configured) ? configured : FloorAnswers.SeedAnswerBytes;
app.MapPost("/floor", (HttpContext context) => FloorAnswers.WriteAnswerAsync(context, answerBytes));

app.Run();

/// <summary>The floor app's two answers.</summary>
internal static class FloorAnswers
{
    /// <summary>The size of the service's answer to the seed example, in bytes.</summary>
    public const int SeedAnswerBytes = 3339;

    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    public static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new FloorHealth(report.Status.ToString()), FloorJsonContext.Default.FloorHealth, context.RequestAborted);
    }

    /// <summary>
    /// Parses the body into a <see cref="JsonDocument"/>, then writes <c>{"echo": body, "strings": [every string value],
    /// "padding": "..."}</c>, padded to exactly <paramref name="answerBytes"/> bytes (a body too large for that is echoed
    /// unpadded). A body that is not JSON is answered 400.
    /// </summary>
    public static async Task WriteAnswerAsync(HttpContext context, int answerBytes)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using (document)
        {
            var answer = new ArrayBufferWriter<byte>(answerBytes);
            using (var writer = new Utf8JsonWriter(answer, s_writerOptions))
            {
                writer.WriteStartObject();
                writer.WritePropertyName("echo"u8);
                document.RootElement.WriteTo(writer);
                writer.WriteStartArray("strings"u8);
                WriteStrings(writer, document.RootElement);
                writer.WriteEndArray();
                writer.Flush();

                // ,"padding":"" and the closing brace take 14 bytes.
                var padding = Math.Max(0, answerBytes - answer.WrittenCount - 14);
                writer.WriteString("padding"u8, new string('.', padding));
                writer.WriteEndObject();
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.BodyWriter.WriteAsync(answer.WrittenMemory, context.RequestAborted);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    WriteStrings(writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    WriteStrings(writer, item);
                }

                break;
            case JsonValueKind.String:
                element.WriteTo(writer);
                break;
            default:
                break;
        }
    }
}

/// <summary>The body of the floor's health answer.</summary>
internal sealed record FloorHealth(string Status);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FloorHealth))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
