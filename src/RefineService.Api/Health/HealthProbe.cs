namespace RefineService.Api.Health;

/// <summary>The container health check: <c>--probe [url]</c> asks a running instance whether it is ready and exits.</summary>
/// <remarks>
/// The service's own binary is the probe, so an image without a shell or curl can still be health-checked:
/// <c>HEALTHCHECK CMD ["dotnet", "RefineService.Api.dll", "--probe"]</c>. Exit code 0 means healthy, 1 unhealthy.
/// </remarks>
public static class HealthProbe
{
    public const string Argument = "--probe";

    private const int DefaultPort = 8080;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    /// <summary>Runs the probe when <paramref name="args"/> ask for it; false (and the service starts) otherwise.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        if (args.Length == 0 || args[0] != Argument)
        {
            return false;
        }

        var target = args.Length > 1 ? args[1] : DefaultUri(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")).ToString();
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Console.Error.WriteLine($"{Argument}: '{target}' is not an http or https URL.");
            exitCode = 1;
            return true;
        }

        exitCode = Probe(uri, Timeout);
        return true;
    }

    /// <summary>The readiness probe on the first port of <c>ASPNETCORE_HTTP_PORTS</c> (8080 when unset).</summary>
    public static Uri DefaultUri(string? httpPorts)
    {
        var first = httpPorts?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = int.TryParse(first, out var parsed) && parsed is > 0 and <= 65535 ? parsed : DefaultPort;
        return new UriBuilder(Uri.UriSchemeHttp, "localhost", port, HealthEndpoints.ReadyPath).Uri;
    }

    internal static int Probe(Uri uri, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, uri));
            Console.WriteLine($"{(int)response.StatusCode} from {uri}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"No answer from {uri}: {ex.Message}");
            return 1;
        }
    }
}
