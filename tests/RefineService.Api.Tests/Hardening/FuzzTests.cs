using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>
/// Thousands of malformed and hostile requests, built from valid ones by <see cref="RequestMutator"/> with a fixed seed.
/// <c>FUZZ_ITERATIONS</c> (default 10,000) and <c>FUZZ_SEED</c> change the run, e.g. for a long one.
/// </summary>
public sealed class FuzzTests(ApiFactory factory)
{
    private const int DefaultIterations = 10_000;
    private const int DefaultSeed = 20_260_701;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task MutatedRequestsGetAnAnswerOrAClientProblemNeverAServerErrorAndTheServiceStaysReady()
    {
        var ct = TestContext.Current.CancellationToken;
        var iterations = Setting("FUZZ_ITERATIONS", DefaultIterations);
        var seed = Setting("FUZZ_SEED", DefaultSeed);
        var seeds = RequestMutator.Seeds(SeedRequest());
        var requests = RequestMutator.EachFieldMissing(seeds)
            .Concat(Enumerable.Range(0, iterations).Select(number => RequestMutator.Mutate(seeds, seed, number)));
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        using var client = factory.CreateClient();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readiness = WatchReadinessAsync(client, failures, stop.Token);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (request, token) =>
        {
            using var content = new ByteArrayContent(request.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            using var response = await client.PostAsync(new Uri(request.Path, UriKind.Relative), content, token);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (await ProblemWithAsync(response, token) is { } problem)
            {
                failures.Enqueue($"{request.Path} [{request.Mutation}] {problem}; body began {Preview(request.Body)}");
            }
        });
        await stop.CancelAsync();
        await readiness;

        using var ready = await client.GetPathAsync("/health/ready");
        var total = statuses.Values.Sum();
        var summary = $"{total:N0} requests (seed {seed}); statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value:N0}")) + $"; {statuses.Count} distinct";
        TestContext.Current.SendDiagnosticMessage(summary);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(total >= iterations, summary);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300);
        Assert.Contains(400, statuses.Keys);
    }

    /// <summary>What is wrong with an answer, or null: it must be 2xx JSON, or 4xx problem details whose status is the answer's.</summary>
    internal static async Task<string?> ProblemWithAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (status is < 200 or >= 500 or (>= 300 and < 400))
        {
            return $"answered {status}: {text[..Math.Min(text.Length, 300)]}";
        }

        var expected = status < 300 ? "application/json" : "application/problem+json";
        if (type != expected)
        {
            return $"answered {status} as {type}, not {expected}";
        }

        try
        {
            // An answer nests a policy deeper than its request could (64 levels), so it is read with room to spare.
            using var body = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 128 });
            if (status >= 400 && (!body.RootElement.TryGetProperty("status", out var declared) || declared.GetInt32() != status))
            {
                return $"answered {status} with problem details that do not say so: {text[..Math.Min(text.Length, 300)]}";
            }
        }
        catch (JsonException ex)
        {
            return $"answered {status} with a body that is not JSON: {ex.Message}";
        }

        return null;
    }

    private static async Task WatchReadinessAsync(HttpClient client, ConcurrentQueue<string> failures, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"/health/ready answered {(int)response.StatusCode} during the run");
                }

                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
}
