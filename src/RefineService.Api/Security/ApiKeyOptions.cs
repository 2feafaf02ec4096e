namespace RefineService.Api.Security;

/// <summary>The API keys of the clients allowed to call the API (configuration section <c>ApiKeys</c>); with none, the API is open.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>The header a client sends its key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The shortest key accepted, so that no key can be guessed.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>Each client's name and key, e.g. <c>ApiKeys__Clients__ci-pipeline</c> in the environment.</summary>
    public Dictionary<string, string> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A file of <c>client=key</c> lines, such as a mounted secret; blank lines and lines starting with <c>#</c> are skipped.</summary>
    public string? File { get; set; }
}
