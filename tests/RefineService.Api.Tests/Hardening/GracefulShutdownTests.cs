using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Core.Catalog;

namespace RefineService.Api.Tests.Hardening;

/// <summary>
/// SIGTERM to the real service under load: nothing accepted is lost, nothing new is taken, and it exits 0. The test
/// asserts what happens and in which order, never how long it took: the service's own shutdown timeout is what bounds
/// a stop, and the waits here only keep a broken run from hanging.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Policies = 20;
    private const string Recommendations = "/v1/recommendations";

    [Fact]
    public async Task OnSigtermRequestsInFlightCompleteNewConnectionsAreRefusedAndTheServiceExitsZero()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        var ct = TestContext.Current.CancellationToken;
        var shutdownTimeout = ConfiguredShutdownTimeout();
        var body = LargeRequest();
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["RateLimiting__Enabled"] = "false" }, ct);
        using var safetyNet = CancellationTokenSource.CreateLinkedTokenSource(ct);
        safetyNet.CancelAfter(shutdownTimeout + TimeSpan.FromMinutes(2));
        var wait = safetyNet.Token;

        // Load: four clients sending large requests back to back; SIGTERM comes once one of them has been served in full.
        var terminated = new TerminationClock();
        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var loadClient = new HttpClient { BaseAddress = service.BaseAddress };
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(() => LoadAsync(loadClient, body, terminated, served, stopLoad.Token), ct)).ToArray();
        await Task.WhenAny(served.Task, Task.WhenAll(load)).WaitAsync(wait);

        // In flight: four requests on their own connections, accepted (the service is reading their bodies) and half sent.
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = Enumerable.Range(0, 4).Select(_ => new HalfSentRequest(service.BaseAddress, body, rest.Task)).ToList();
        var answers = inFlight.Select(request => request.SendAsync(ct)).ToList();
        await Task.WhenAll(inFlight.Select(request => request.FirstHalfSent)).WaitAsync(wait);

        terminated.Start();
        service.Terminate();

        // Shutdown has begun: new connections are refused while the four are still waiting for the rest of their bodies.
        var refused = false;
        while (!(refused = await service.RefusesConnectionsAsync()) && !service.HasExited)
        {
            await Task.Delay(50, wait);
        }

        var stillRunning = !service.HasExited;
        rest.SetResult();
        var completed = await Task.WhenAll(answers).WaitAsync(wait);
        var exitCode = await service.WaitForExitAsync(shutdownTimeout + TimeSpan.FromMinutes(1));
        var stoppedAfter = terminated.Elapsed;
        await stopLoad.CancelAsync();
        var outcomes = (await Task.WhenAll(load).WaitAsync(wait)).SelectMany(o => o).ToList();

        var summary = $"load: {outcomes.Count(o => o.Served)} served ({outcomes.Count(o => o.Served && o.FinishedAfterSigterm)} finished after SIGTERM), " +
            $"{outcomes.Count(o => o.NotAccepted)} not accepted after SIGTERM; stopped {stoppedAfter.TotalSeconds:0.0} s after SIGTERM (shutdown timeout {shutdownTimeout.TotalSeconds:0} s)";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(refused, "new connections were still accepted after SIGTERM");
        Assert.True(stillRunning, "the service exited before the requests in flight were finished");
        Assert.All(completed, answer => Assert.Equal((HttpStatusCode.OK, Policies), answer));
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none: still running"}; {summary}");
        Assert.Contains("Application is shutting down", service.Output, StringComparison.Ordinal);
        Assert.Empty(outcomes.Where(o => o.Failure is not null).Select(o => o.Failure));
        Assert.Contains(outcomes, o => o.Served && !o.FinishedAfterSigterm);
    }

    private static TimeSpan ConfiguredShutdownTimeout()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))!;
        return TimeSpan.FromSeconds((int)settings["shutdownTimeoutSeconds"]!);
    }

    /// <summary>A request that takes the service a while: 20 policies of 50 statements of 10 actions, half of them unused.</summary>
    private static byte[] LargeRequest()
    {
        var catalog = ActionCatalog.LoadEmbedded();
        var actions = Enumerable.Range(0, catalog.Count).Select(i => catalog[i]).Where(a => a.ServicePrefix is "ec2" or "s3" or "iam" or "lambda").ToList();
        var random = new Random(11);
        var policies = new JsonArray([.. Enumerable.Range(0, Policies).Select(p => new JsonObject
        {
            ["id"] = $"policy-{p}",
            ["document"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray([.. Enumerable.Range(0, 50).Select(_ => new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Action"] = new JsonArray([.. Enumerable.Range(0, 10).Select(_ => (JsonNode)actions[random.Next(actions.Count)].FullName)]),
                    ["Resource"] = "*",
                })]),
            },
        })]);
        var unused = new JsonArray([.. actions.Where((_, i) => i % 2 == 0).GroupBy(a => a.ServicePrefix).Select(service => new JsonObject
        {
            ["serviceNamespace"] = service.Key,
            ["actions"] = new JsonArray([.. service.Select(a => (JsonNode)a.Name)]),
        })]);
        return Encoding.UTF8.GetBytes(new JsonObject { ["policies"] = policies, ["unusedPermissions"] = unused }.ToJsonString());
    }

    private static async Task<List<LoadOutcome>> LoadAsync(HttpClient client, byte[] body, TerminationClock terminated, TaskCompletionSource served, CancellationToken ct)
    {
        var outcomes = new List<LoadOutcome>();
        while (!ct.IsCancellationRequested)
        {
            var startedAfterSigterm = terminated.HasStarted;
            HttpResponseMessage response;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                response = await client.PostAsync(new Uri(Recommendations, UriKind.Relative), content, ct);
            }
            catch (HttpRequestException) when (terminated.HasStarted)
            {
                // No answer at all once the service stops: the request was never accepted.
                outcomes.Add(new LoadOutcome(false, true, true, null));
                break;
            }
            catch (HttpRequestException ex)
            {
                outcomes.Add(new LoadOutcome(false, false, false, $"no answer before SIGTERM: {ex.Message}"));
                break;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            using (response)
            {
                var outcome = await ReadAsync(response, startedAfterSigterm, terminated, ct);
                outcomes.Add(outcome);
                if (outcome.Served)
                {
                    served.TrySetResult();
                }
            }
        }

        return outcomes;
    }

    private static async Task<LoadOutcome> ReadAsync(HttpResponseMessage response, bool startedAfterSigterm, TerminationClock terminated, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var count = response.StatusCode == HttpStatusCode.OK ? HttpClientExtensions.ReadAnswer<RecommendationResponse>(text).Recommendations.Count : (int?)null;
            return count == Policies
                ? new LoadOutcome(true, terminated.HasStarted, false, null)
                : new LoadOutcome(false, terminated.HasStarted, false, $"answered {(int)response.StatusCode} (started {(startedAfterSigterm ? "after" : "before")} SIGTERM): {text[..Math.Min(200, text.Length)]}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            return new LoadOutcome(false, terminated.HasStarted, false, $"answer cut short: {ex.Message}");
        }
    }

    private sealed record LoadOutcome(bool Served, bool FinishedAfterSigterm, bool NotAccepted, string? Failure);

    /// <summary>When SIGTERM was sent, shared by the load's workers; how long ago is reported, never asserted.</summary>
    private sealed class TerminationClock
    {
        private readonly Stopwatch _since = new();
        private volatile bool _started;

        public bool HasStarted => _started;

        public TimeSpan Elapsed => _since.Elapsed;

        public void Start()
        {
            _since.Start();
            _started = true;
        }
    }

    /// <summary>
    /// A request on its own connection whose body is sent in two halves, the second once <c>rest</c> completes. It asks
    /// for <c>100 Continue</c> and sends no body before it, so once the first half is sent the service is known to be
    /// reading the body: the request has been accepted.
    /// </summary>
    private sealed class HalfSentRequest(Uri baseAddress, byte[] body, Task rest)
    {
        private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstHalfSent => _firstHalfSent.Task;

        public async Task<(HttpStatusCode Status, int? Recommendations)> SendAsync(CancellationToken ct)
        {
            using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
            using var client = new HttpClient(handler) { BaseAddress = baseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Recommendations, UriKind.Relative))
            {
                Content = new TwoPartContent(body, _firstHalfSent, rest),
            };
            request.Headers.ExpectContinue = true;
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? HttpClientExtensions.ReadAnswer<RecommendationResponse>(text).Recommendations.Count : null);
        }
    }

    private sealed class TwoPartContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _firstHalfSent;
        private readonly Task _rest;

        public TwoPartContent(byte[] body, TaskCompletionSource firstHalfSent, Task rest)
        {
            _body = body;
            _firstHalfSent = firstHalfSent;
            _rest = rest;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Headers.ContentLength = body.Length;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await _rest;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
