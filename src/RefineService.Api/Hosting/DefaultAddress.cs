namespace RefineService.Api.Hosting;

/// <summary>
/// Where the service listens when nothing says where: <c>http://localhost:8080</c>, the port the image, the probes and
/// the documentation use (the framework's own default is port 5000).
/// </summary>
/// <remarks>
/// It cannot be a setting. A launch profile's <c>applicationUrl</c> is written over the caller's <c>ASPNETCORE_URLS</c>
/// by <c>dotnet run</c>, and a URL anywhere in configuration wins over <c>ASPNETCORE_HTTP_PORTS</c>, which the image sets:
/// the default therefore applies only when no URL, port or Kestrel endpoint is configured.
/// </remarks>
public static class DefaultAddress
{
    public const string Url = "http://localhost:8080";

    public static WebApplicationBuilder ListenOnDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }

    /// <summary>Whether configuration names a URL (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), a port (<c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_HTTPS_PORTS</c>) or Kestrel endpoints.</summary>
    internal static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
