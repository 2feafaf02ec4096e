using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RefineService.Api.Security;

/// <summary>
/// The configured API keys, kept only as SHA-256 hashes, and the lookup of the client a presented key belongs to, in
/// time that does not depend on the key: every hash is compared, each with a constant-time comparison.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly (string Client, byte[] Hash)[] _keys;

    public ApiKeyStore(IOptions<ApiKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Reading the value runs ApiKeyOptionsValidator: a store is only made of keys without problems.
        var (clients, _) = Read(options.Value);
        _keys = [.. clients.Select(c => (c.Client, Hash(c.Key)))];
    }

    /// <summary>Whether any key is configured; when none is, the API is open.</summary>
    public bool IsEnabled => _keys.Length > 0;

    /// <summary>How many clients have a key.</summary>
    public int ClientCount => _keys.Length;

    /// <summary>The client whose key <paramref name="presented"/> is, or null.</summary>
    public string? FindClient(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Hash(presented);
        string? found = null;
        foreach (var (client, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                found ??= client;
            }
        }

        return found;
    }

    /// <summary>The clients and keys of <paramref name="options"/>, from configuration and the key file, and what is wrong with them; the sentences never hold a key.</summary>
    internal static (List<(string Client, string Key)> Clients, List<string> Problems) Read(ApiKeyOptions options)
    {
        var clients = options.Clients.Select(c => (Client: c.Key, Key: c.Value)).ToList();
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.File))
        {
            if (!System.IO.File.Exists(options.File))
            {
                problems.Add($"ApiKeys:File names '{options.File}', which does not exist.");
            }
            else
            {
                var number = 0;
                foreach (var line in System.IO.File.ReadLines(options.File))
                {
                    number++;
                    var text = line.Trim();
                    if (text.Length == 0 || text.StartsWith('#'))
                    {
                        continue;
                    }

                    var equals = text.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"Line {number} of ApiKeys:File is not 'client=key'."));
                        continue;
                    }

                    clients.Add((text[..equals].Trim(), text[(equals + 1)..].Trim()));
                }
            }
        }

        foreach (var (client, key) in clients)
        {
            if (key.Length < ApiKeyOptions.MinimumKeyLength || key.Any(char.IsWhiteSpace))
            {
                problems.Add($"The API key of client '{client}' must have at least {ApiKeyOptions.MinimumKeyLength} characters and no white space.");
            }
        }

        foreach (var twice in clients.GroupBy(c => c.Client, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"The client '{twice.Key}' has more than one API key.");
        }

        if (clients.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() < clients.Count)
        {
            problems.Add("Two clients have the same API key.");
        }

        return (clients, problems);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
