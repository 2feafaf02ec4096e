using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Health;

namespace RefineService.Api.Tests.Infrastructure;

/// <summary>The <c>--probe</c> argument that the container's health check runs, against a real listening server.</summary>
public sealed class HealthProbeTests : IAsyncLifetime
{
    private WebApplication? _server;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/ready", () => Results.Ok());
        _server.MapGet("/loading", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await _server.StartAsync(TestContext.Current.CancellationToken);
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _baseAddress = new Uri(address);

        // One answer first, with no time limit: the probe's own 4 s then covers a warm server and client, not the
        // first request's compilation on a loaded machine.
        using var client = new HttpClient { BaseAddress = _baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var warm = await client.GetAsync(new Uri("/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        warm.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void ProbeExitsWithZeroWhenTheServiceAnswersSuccess()
    {
        var handled = HealthProbe.TryRun([HealthProbe.Argument, new Uri(_baseAddress, "/ready").ToString()], out var exitCode);

        Assert.True(handled);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void ProbeExitsWithOneWhenTheServiceIsNotReady()
    {
        HealthProbe.TryRun([HealthProbe.Argument, new Uri(_baseAddress, "/loading").ToString()], out var exitCode);

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task ProbeExitsWithOneWhenNothingListens()
    {
        var port = _baseAddress.Port;
        await _server!.StopAsync(TestContext.Current.CancellationToken);

        HealthProbe.TryRun([HealthProbe.Argument, $"http://127.0.0.1:{port}/ready"], out var exitCode);

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void ProbeRejectsATargetThatIsNotAnHttpUrl()
    {
        var handled = HealthProbe.TryRun([HealthProbe.Argument, "file:///etc/passwd"], out var exitCode);

        Assert.True(handled);
        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--urls http://+:8080")]
    [InlineData("--urls http://+:8080 --probe")]
    public void ArgumentsWithoutTheProbeFirstAreLeftToTheService(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.False(HealthProbe.TryRun(args, out _));
    }

    [Theory]
    [InlineData(null, "http://localhost:8080/health/ready")]
    [InlineData("", "http://localhost:8080/health/ready")]
    [InlineData("9090", "http://localhost:9090/health/ready")]
    [InlineData("9090;9091", "http://localhost:9090/health/ready")]
    [InlineData("not-a-port", "http://localhost:8080/health/ready")]
    public void ProbeAsksTheReadinessPathOnTheFirstHttpPortByDefault(string? httpPorts, string expected)
    {
        Assert.Equal(new Uri(expected), HealthProbe.DefaultUri(httpPorts));
    }
}
