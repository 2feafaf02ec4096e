using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>
/// The unused actions of a request as its documentation defines them, read from the raw JSON: <c>unusedPermissions</c>
/// (names, or objects with <c>action</c>) and the <c>unusedPermissionDetails</c> of <c>findingDetails</c> and of a whole
/// GetFindingV2 answer's <c>finding.findingDetails</c>, unioned. A
/// missing, null or empty action list means the whole service; names are case-insensitive; a name with a wildcard stands
/// for the catalog actions it matches; a plain name the catalog lacks is unused as that exact name.
/// </summary>
public sealed class UnusedActions
{
    private readonly HashSet<string> _wholeServices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _patterns = [];
    private readonly OracleCatalog _catalog;

    private bool[]? _inCatalog;

    private UnusedActions(OracleCatalog catalog) => _catalog = catalog;

    /// <summary>Services wholly unused, lower case.</summary>
    public IReadOnlySet<string> WholeServices => _wholeServices;

    /// <summary>Plain unused names, lower-case <c>service:action</c>.</summary>
    public IReadOnlySet<string> Names => _names;

    /// <summary>Reads the unused actions of a recommendation request.</summary>
    public static UnusedActions FromRequest(OracleCatalog catalog, JsonNode request)
    {
        var unused = new UnusedActions(catalog);
        foreach (var permission in request["unusedPermissions"]?.AsArray() ?? [])
        {
            unused.Add(permission!, entry => entry is JsonObject o ? o["action"]! : entry!);
        }

        var items = (request["findingDetails"]?.AsArray() ?? []).Concat(request["finding"]?["findingDetails"]?.AsArray() ?? []);
        foreach (var detail in items)
        {
            if (detail?["unusedPermissionDetails"] is JsonObject details)
            {
                unused.Add(details, entry => entry!["action"]!);
            }
        }

        return unused;
    }

    /// <summary>Reads a list shaped as the request's <c>unusedPermissions</c>.</summary>
    public static UnusedActions FromList(OracleCatalog catalog, JsonArray permissions) =>
        FromRequest(catalog, new JsonObject { ["unusedPermissions"] = permissions.DeepClone() });

    /// <summary>
    /// The actions every one of <paramref name="sets"/> has unused, by brute force over the catalog and over every name
    /// they report: what a policy several principals share may lose.
    /// </summary>
    public static UnusedActions Common(OracleCatalog catalog, IReadOnlyList<UnusedActions> sets)
    {
        var common = new UnusedActions(catalog);
        common._wholeServices.UnionWith(sets[0]._wholeServices);
        foreach (var set in sets.Skip(1))
        {
            common._wholeServices.IntersectWith(set._wholeServices);
        }

        foreach (var name in sets.SelectMany(s => s._names).Where(n => sets.All(s => s.Contains(n))))
        {
            common._names.Add(name);
        }

        common._inCatalog = [.. Enumerable.Range(0, catalog.Count).Select(i => sets.All(s => s.Contains(i)))];
        return common;
    }

    /// <summary>Whether the catalog action at <paramref name="index"/> is unused.</summary>
    public bool Contains(int index)
    {
        _inCatalog ??= Resolve();
        return _inCatalog[index];
    }

    /// <summary>Whether the action <paramref name="name"/> (any case, known to the catalog or not) is unused.</summary>
    public bool Contains(string name)
    {
        if (_catalog.IndexOf(name) is var index and >= 0)
        {
            return Contains(index);
        }

        var lower = name.ToLowerInvariant();
        var colon = lower.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && _wholeServices.Contains(lower[..colon]))
        {
            return true;
        }

        return _names.Contains(lower);
    }

    /// <summary>Whether some unused action the catalog lacks starts with the lower-case <paramref name="prefix"/>.</summary>
    public bool HasUnknownStartingWith(string prefix) =>
        _names.Any(n => !_catalog.Contains(n) && n.StartsWith(prefix, StringComparison.Ordinal))
        || _wholeServices.Any(s => !_catalog.Services.Contains(s) && ((s + ":").StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(s + ":", StringComparison.Ordinal)));

    // Every catalog action the names, patterns and whole services cover, by brute force.
    private bool[] Resolve()
    {
        var unused = Policy.Matched(_catalog, [.. _names, .. _patterns]);
        for (var i = 0; i < unused.Length; i++)
        {
            var name = _catalog.Names[i];
            unused[i] |= _wholeServices.Contains(name[..name.IndexOf(':', StringComparison.Ordinal)]);
        }

        return unused;
    }

    private void Add(JsonNode permission, Func<JsonNode?, JsonNode> name)
    {
        var service = permission["serviceNamespace"]!.GetValue<string>().ToLowerInvariant();
        if (permission["actions"] is not JsonArray { Count: > 0 } actions)
        {
            _wholeServices.Add(service);
            return;
        }

        foreach (var action in actions)
        {
            var full = service + ":" + name(action).GetValue<string>().ToLowerInvariant();
            if (Glob.HasWildcard(full))
            {
                _patterns.Add(full);
            }
            else
            {
                _names.Add(full);
            }
        }
    }
}
