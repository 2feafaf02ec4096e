using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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

        var logged = _factory.Events.Where(e => e.Level >= LogEventLevel.Information).Select(e => e.RenderMessage()).ToList();
        var refined = Assert.Single(logged, line => line.StartsWith("Refined 1 policies", StringComparison.Ordinal));
        Assert.Contains("2 findings", refined, StringComparison.Ordinal);
        Assert.Contains(logged, line => line.Contains("/v1/recommendations", StringComparison.Ordinal) && line.Contains("200", StringComparison.Ordinal));
        foreach (var content in new[] { "lambda:", "s3:", "GetBucketPolicy", "arn:aws", "Statement" })
        {
            Assert.DoesNotContain(logged, line => line.Contains(content, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task TheRequestLogLineCarriesMethodPathStatusElapsedAndTraceId()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetPathAsync("/v1/catalog");

        var request = Assert.Single(_factory.Events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/v1/catalog\"" && e.Properties.ContainsKey("Elapsed"));
        Assert.Equal("\"GET\"", request.Properties["RequestMethod"].ToString());
        Assert.Equal("200", request.Properties["StatusCode"].ToString());
        Assert.NotNull(request.TraceId);
    }

    /// <summary>The service with every log event also kept in memory.</summary>
    private sealed class CapturingFactory : ApiFactory
    {
        private readonly Capture _capture = new();

        public ConcurrentQueue<LogEvent> Events => _capture.Events;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
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
