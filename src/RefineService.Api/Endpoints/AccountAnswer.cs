using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using RefineService.Api.Contracts;
using Serilog;

namespace RefineService.Api.Endpoints;

/// <summary>
/// Writes an account's answer as it is made: principals are refined in parallel on every core, and written in the
/// findings' order as soon as each one and those before it are ready, so that neither side holds the whole answer. A
/// window bounds how far the refinement may run ahead of the writing.
/// </summary>
internal sealed class AccountAnswer(AccountRefinement refinement, bool ndjson, IDiagnosticContext diagnostics) : IResult
{
    // Answers refined ahead of the one being written, at most: enough to keep every core busy while one line is written.
    private static readonly int Window = 8 * Environment.ProcessorCount;

    // Bytes gathered before they are sent in plain JSON; NDJSON sends every line as it comes.
    private const int FlushBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var principalInfo = (JsonTypeInfo<PrincipalRecommendation>)json.GetTypeInfo(typeof(PrincipalRecommendation));

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ndjson ? AccountsApi.Ndjson : "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = json.Encoder, Indented = false, SkipValidation = ndjson });

        if (!ndjson)
        {
            writer.WriteStartObject();
            writer.WriteString("catalogVersion", refinement.CatalogVersion);
            writer.WritePropertyName("principals");
            writer.WriteStartArray();
        }

        var slots = new TaskCompletionSource<PrincipalRecommendation>[refinement.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new TaskCompletionSource<PrincipalRecommendation>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var window = new SemaphoreSlim(Window);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Indices are handed out in order, each once the window has room: the answer being written is always among those refined.
        async IAsyncEnumerable<int> Indices()
        {
            for (var i = 0; i < slots.Length; i++)
            {
                await window.WaitAsync(stop.Token);
                yield return i;
            }
        }

        var refining = Parallel.ForEachAsync(
            Indices(),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = stop.Token },
            (i, token) =>
            {
                slots[i].SetResult(refinement.Answer(i, token));
                return ValueTask.CompletedTask;
            });

        try
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (await Task.WhenAny(slots[i].Task, refining) != slots[i].Task && !slots[i].Task.IsCompleted)
                {
                    // The refinement stopped (cancelled, or a fault): its exception says why.
                    await refining;
                }

                JsonSerializer.Serialize(writer, await slots[i].Task, principalInfo);
                slots[i] = null!;
                window.Release();
                if (ndjson)
                {
                    await EndLineAsync(writer, body, cancellationToken);
                }
                else if (writer.BytesPending > FlushBytes)
                {
                    await writer.FlushAsync(cancellationToken);
                    await body.FlushAsync(cancellationToken);
                }
            }

            await refining;
        }
        finally
        {
            await stop.CancelAsync();
            await refining.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var summary = refinement.Summary();
        diagnostics.Set("SucceededCount", summary.Totals.Succeeded);
        diagnostics.Set("FailedCount", summary.Totals.Failed);
        diagnostics.Set("SharedPolicyCount", summary.SharedPolicies.Count);
        if (ndjson)
        {
            JsonSerializer.Serialize(writer, summary, (JsonTypeInfo<AccountSummary>)json.GetTypeInfo(typeof(AccountSummary)));
            await EndLineAsync(writer, body, cancellationToken);
            return;
        }

        writer.WriteEndArray();
        writer.WritePropertyName("sharedPolicies");
        JsonSerializer.Serialize(writer, summary.SharedPolicies, (JsonTypeInfo<IReadOnlyList<SharedPolicyRecommendation>>)json.GetTypeInfo(typeof(IReadOnlyList<SharedPolicyRecommendation>)));
        writer.WritePropertyName("totals");
        JsonSerializer.Serialize(writer, summary.Totals, (JsonTypeInfo<AccountTotals>)json.GetTypeInfo(typeof(AccountTotals)));
        writer.WritePropertyName("warnings");
        JsonSerializer.Serialize(writer, summary.Warnings, (JsonTypeInfo<IReadOnlyList<Warning>>)json.GetTypeInfo(typeof(IReadOnlyList<Warning>)));
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static async Task EndLineAsync(Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter body, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        writer.Reset();
        body.Write("\n"u8);
        await body.FlushAsync(cancellationToken);
    }
}
