namespace RefineService.Api.Hosting;

/// <summary>
/// Where the service reads its content (appsettings.json) from. The framework's default is the working directory, so a
/// service started from anywhere else would run without its configuration: with the framework's logs at Information,
/// the default limits, no shutdown timeout. The service therefore defaults to its own directory.
/// </summary>
public static class ContentRoot
{
    /// <summary>Whether the command line or the environment names a content root, which then wins.</summary>
    public static bool IsGiven(string[] args) => IsGiven(args, Environment.GetEnvironmentVariable);

    internal static bool IsGiven(string[] args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"))
            || new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.ContentRootKey] is { Length: > 0 };
    }
}
