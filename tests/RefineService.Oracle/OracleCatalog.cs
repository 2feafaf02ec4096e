using System.IO.Compression;
using System.Text.Json;

namespace RefineService.Oracle;

/// <summary>The shipped catalog read as a plain list of names and access levels, with none of the service's code.</summary>
public sealed class OracleCatalog
{
    private static readonly Lazy<OracleCatalog> Loaded = new(() => Load(Path.Combine(AppContext.BaseDirectory, "iam-catalog.json.gz")));

    private OracleCatalog(string[] names, string[] spelled, string[] levels)
    {
        Names = names;
        Spelled = spelled;
        AccessLevels = levels;
        Services = names.Select(n => n[..n.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The catalog the service embeds.</summary>
    public static OracleCatalog Shipped => Loaded.Value;

    /// <summary>Every action as lower-case <c>service:action</c>, sorted ordinally.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Every action as the catalog spells it, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<string> Spelled { get; }

    /// <summary>Every action's access level, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<string> AccessLevels { get; }

    /// <summary>The service prefixes, lower case.</summary>
    public IReadOnlySet<string> Services { get; }

    public int Count => Names.Count;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The index of <paramref name="name"/> (any case), or -1.</summary>
    public int IndexOf(string name)
    {
        var at = Array.BinarySearch((string[])Names, name.ToLowerInvariant(), StringComparer.Ordinal);
        return at < 0 ? -1 : at;
    }

    /// <summary>The indices of the names that start with the lower-case <paramref name="prefix"/>.</summary>
    public IEnumerable<int> StartingWith(string prefix)
    {
        var at = Array.BinarySearch((string[])Names, prefix, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < Names.Count && Names[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return i;
        }
    }

    private static OracleCatalog Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var actions = new List<(string Name, string Spelled, string Level)>();
        foreach (var service in json.RootElement.GetProperty("services").EnumerateArray())
        {
            var prefix = service.GetProperty("prefix").GetString()!;
            foreach (var level in service.GetProperty("actions").EnumerateObject())
            {
                foreach (var action in level.Value.EnumerateArray())
                {
                    var spelled = prefix + ":" + action.GetString();
                    actions.Add((spelled.ToLowerInvariant(), spelled, level.Name));
                }
            }
        }

        actions.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new OracleCatalog([.. actions.Select(a => a.Name)], [.. actions.Select(a => a.Spelled)], [.. actions.Select(a => a.Level)]);
    }
}
