using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Hosting;
using RefineService.Api.Tests.Fixtures;
using Serilog.Core;
using Serilog.Events;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public sealed class LoggingTests : IAsyncLifetime
{
    private readonly CapturingFactory _factory = new();

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task ARecommendationLogsCountsAndSizesButNoPolicyContentAboveDebug()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonAsync(Recommendations, SeedRequest());
        response.EnsureSuccessStatusCode();

        // One line for the request, carrying what was done as counts: 1 policy recreated, 2 findings (lambda and s3).
        var events = _factory.Events.Where(e => e.Level >= LogEventLevel.Information).ToList();
        var request = Assert.Single(events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/v1/recommendations\"");
        Assert.Equal("200", request.Properties["StatusCode"].ToString());
        Assert.Equal("1", request.Properties["PolicyCount"].ToString());
        Assert.Equal("2", request.Properties["FindingCount"].ToString());
        Assert.Equal("1", request.Properties["CreateCount"].ToString());
        Assert.Equal("0", request.Properties["DetachCount"].ToString());
        Assert.True(int.Parse(request.Properties["RecommendedCharacters"].ToString(), CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(request.Properties["UnusedActionCount"].ToString(), CultureInfo.InvariantCulture) > 0);

        var logged = events.Select(e => $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))}").ToList();
        foreach (var content in new[] { "lambda:", "s3:", "GetBucketPolicy", "arn:aws", "Statement" })
        {
            Assert.DoesNotContain(logged, line => line.Contains(content, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>A request whose policy holds <see cref="Canary"/> in every place a policy can hold text, shaped as <paramref name="kind"/> says.</summary>
    private static string RequestWithCanary(string kind)
    {
        var document = $$"""
            { "Version": "2012-10-17", "Statement": [ { "Sid": "{{Canary}}Sid", "Effect": "Allow", "Action": ["s3:Get*", "s3:{{Canary}}Action"],
              "Resource": "arn:aws:s3:::{{Canary}}-bucket", "Condition": { "StringEquals": { "aws:PrincipalTag/{{Canary}}": "{{Canary}}-value" } } } ] }
            """;
        var unused = """ "unusedPermissions": [ { "serviceNamespace": "s3", "actions": ["GetObject"] } ] """;
        return kind switch
        {
            "refined" => $$"""{ "policies": [ { "id": "arn:aws:iam::123456789012:policy/{{Canary}}", "document": {{document}} } ], {{unused}} }""",
            "as a string" => $$"""{ "policy": {{System.Text.Json.JsonSerializer.Serialize(document)}}, {{unused}} }""",
            "refused" => $$"""{ "policy": {{document.Replace("\"Allow\"", "\"Permit\"", StringComparison.Ordinal)}}, {{unused}} }""",
            "unreadable" => $$"""{ "policy": {{document}}, {{unused}} """,
            "not Unicode" => $$"""{ "policy": {{document.Replace("-value", "-value\\udc00", StringComparison.Ordinal)}}, {{unused}} }""",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private const string Canary = "CanaryZq7";

    [Theory]
    [InlineData("refined", HttpStatusCode.OK)]
    [InlineData("as a string", HttpStatusCode.OK)]
    [InlineData("refused", HttpStatusCode.BadRequest)]
    [InlineData("unreadable", HttpStatusCode.BadRequest)]
    [InlineData("not Unicode", HttpStatusCode.BadRequest)]
    public async Task NoPartOfARequestsPolicyReachesTheLogsAtInformationOrAbove(string kind, HttpStatusCode status)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonTextAsync(Recommendations, RequestWithCanary(kind));

        Assert.Equal(status, response.StatusCode);
        var logged = _factory.Events
            .Where(e => e.Level >= LogEventLevel.Information)
            .Select(e => $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}")
            .ToList();
        Assert.Contains(logged, line => line.Contains("/v1/recommendations", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains(Canary, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheRequestLogLineCarriesMethodPathStatusAndElapsed()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetPathAsync("/v1/catalog");

        var request = Assert.Single(_factory.Events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/v1/catalog\"" && e.Properties.ContainsKey("Elapsed"));
        Assert.Equal("\"GET\"", request.Properties["RequestMethod"].ToString());
        Assert.Equal("200", request.Properties["StatusCode"].ToString());
    }

    [Fact]
    public async Task TheRequestLogLineCarriesTheTraceIdThatTheProblemDetailsGiveTheClient()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonTextAsync(Recommendations, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The problem's traceId, read from the wire, is the request's W3C trace context (00-<trace id>-<span id>-<flags>).
        var traceId = ActivityContext.Parse((string)(await response.ReadJsonAsync())["traceId"]!, traceState: null).TraceId;
        var request = Assert.Single(_factory.Events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/v1/recommendations\""
            && e.Properties.ContainsKey("Elapsed"));
        Assert.Equal("400", request.Properties["StatusCode"].ToString());
        Assert.Equal(traceId, request.TraceId);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task AHealthProbeThatPassesIsLoggedAtDebugNotInformation(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetPathAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The fixture itself probes readiness while it starts: every probe line is at Debug.
        var probes = _factory.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var logged) && logged.ToString() == $"\"{path}\"" && e.Properties.ContainsKey("Elapsed")).ToList();
        Assert.NotEmpty(probes);
        Assert.All(probes, probe => Assert.Equal(LogEventLevel.Debug, probe.Level));
    }

    [Theory]
    [InlineData("/health/ready", 503, null, LogEventLevel.Warning)]
    [InlineData("/HEALTH/live", 200, null, LogEventLevel.Debug)]
    [InlineData("/healthy", 200, null, LogEventLevel.Information)]
    [InlineData("/metrics", 200, null, LogEventLevel.Debug)]
    [InlineData("/v1/recommendations", 400, null, LogEventLevel.Information)]
    [InlineData("/v1/recommendations", 503, null, LogEventLevel.Error)]
    [InlineData("/v1/recommendations", 200, "thrown", LogEventLevel.Error)]
    [InlineData("/health/live", 200, "thrown", LogEventLevel.Warning)]
    public void TheRequestLineLevelFollowsPathStatusAndException(string path, int status, string? exception, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.StatusCode = status;

        Assert.Equal(expected, LoggingExtensions.RequestLevel(context, 1.0, exception is null ? null : new InvalidOperationException(exception)));
    }

    /// <summary>The service with every log event also kept in memory.</summary>
    private sealed class CapturingFactory : ApiFactory
    {
        private readonly Capture _capture = new();

        public ConcurrentQueue<LogEvent> Events => _capture.Events;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
            builder.UseSetting("Serilog:ConsoleFormat", "json");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(_capture));
        }

        private sealed class Capture : ILogEventSink
        {
            public ConcurrentQueue<LogEvent> Events { get; } = new();

            public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
        }
    }
}
