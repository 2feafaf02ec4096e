using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefineService.Oracle;

/// <summary>
/// The effective unused actions of a request as its documentation defines them, read from the raw JSON.
/// Reported unused (any input counts): the names of <c>unusedPermissions</c> and of the <c>unusedPermissionDetails</c> of
/// <c>findingDetails</c> and of a whole GetFindingV2 answer's <c>finding.findingDetails</c> (a missing, null or empty list means the whole service; names in any case; a wildcard name stands
/// for the catalog actions it matches; a plain name the catalog lacks is unused by that name); the services of
/// <c>lastAccessedDetails</c> nobody authenticated to (whole services) and, in an <c>ACTION_LEVEL</c> report, the tracked
/// actions of a used service nobody accessed; with <c>usedActions</c>, every catalog action none of them matches. With
/// <c>options.unusedForDays</c>, a finding dated within the threshold before <c>options.asOf</c> is not reported, and a
/// report's or a used action's date older than it counts as no use. Spared: what a keep pattern matches, an action of an
/// access level not listed, and (with access levels) every name the catalog lacks; a whole service the catalog lacks is
/// spared when a keep pattern may match one of its actions. Statements whose <c>Sid</c> is skipped keep what they allow.
/// </summary>
public sealed class UnusedActions
{
    private readonly HashSet<string> _wholeServices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _patterns = [];
    private readonly List<string> _keep = [];
    private readonly OracleCatalog _catalog;

    private List<string>? _used;
    private HashSet<string>? _levels;
    private DateTimeOffset? _cutoff;
    private bool[]? _inCatalog;
    private HashSet<string>? _effectiveServices;
    private HashSet<string>? _effectiveNames;

    private UnusedActions(OracleCatalog catalog) => _catalog = catalog;

    /// <summary>Services wholly unused, lower case, those the catalog lacks less the ones a filter spares.</summary>
    public IReadOnlySet<string> WholeServices => _effectiveServices ??= _wholeServices.Where(s => _catalog.Services.Contains(s) || !SparedUnknownService(s)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Plain unused names, lower-case <c>service:action</c>, those the catalog lacks less the ones a filter spares.</summary>
    public IReadOnlySet<string> Names => _effectiveNames ??= _names.Where(n => _catalog.Contains(n) || !SparedUnknownName(n)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>Sid</c>s of the statements left as they are.</summary>
    public IReadOnlySet<string> SkipStatements { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reads the unused actions and filters of a recommendation request.</summary>
    public static UnusedActions FromRequest(OracleCatalog catalog, JsonNode request)
    {
        var unused = new UnusedActions(catalog);
        var options = request["options"];
        if (options?["unusedForDays"] is JsonValue days)
        {
            unused._cutoff = Instant(options["asOf"]!)!.Value.AddDays(-days.GetValue<int>());
        }

        foreach (var permission in request["unusedPermissions"]?.AsArray() ?? [])
        {
            unused.AddFinding(permission!);
        }

        var items = (request["findingDetails"]?.AsArray() ?? []).Concat(request["finding"]?["findingDetails"]?.AsArray() ?? []);
        foreach (var detail in items)
        {
            if (detail?["unusedPermissionDetails"] is JsonObject details)
            {
                unused.AddFinding(details);
            }
        }

        if (request["lastAccessedDetails"] is JsonObject report)
        {
            unused.AddReport(report);
        }

        if (request["usedActions"] is JsonArray used)
        {
            unused._used = [.. used.Where(u => unused.CountsAsUse(u is JsonObject o ? o["lastAccessed"] : null))
                .Select(u => (u is JsonObject o ? o["action"]! : u!).GetValue<string>())];
        }

        unused._keep.AddRange(options?["keep"]?.AsArray().Select(k => k!.GetValue<string>()) ?? []);
        if (options?["accessLevels"] is JsonArray levels)
        {
            unused._levels = levels.Select(l => l!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        unused.SkipStatements = (options?["skipStatements"]?.AsArray().Select(s => s!.GetValue<string>()) ?? []).ToHashSet(StringComparer.Ordinal);
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
        // The filters are the request's, the same for every set: what one spares or skips, all do.
        var common = new UnusedActions(catalog) { SkipStatements = sets[0].SkipStatements, _levels = sets[0]._levels };
        common._keep.AddRange(sets[0]._keep);
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

    /// <summary>Whether the catalog action at <paramref name="index"/> is unused, after the filters.</summary>
    public bool Contains(int index)
    {
        _inCatalog ??= Resolve();
        return _inCatalog[index];
    }

    /// <summary>Whether the action <paramref name="name"/> (any case, known to the catalog or not) is unused, after the filters.</summary>
    public bool Contains(string name)
    {
        if (_catalog.IndexOf(name) is var index and >= 0)
        {
            return Contains(index);
        }

        var lower = name.ToLowerInvariant();
        var colon = lower.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && WholeServices.Contains(lower[..colon]))
        {
            return true;
        }

        return Names.Contains(lower);
    }

    /// <summary>Whether some unused action the catalog lacks starts with the lower-case <paramref name="prefix"/>.</summary>
    public bool HasUnknownStartingWith(string prefix) =>
        Names.Any(n => !_catalog.Contains(n) && n.StartsWith(prefix, StringComparison.Ordinal))
        || WholeServices.Any(s => !_catalog.Services.Contains(s) && ((s + ":").StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(s + ":", StringComparison.Ordinal)));

    // Every catalog action reported unused by brute force, less what the keep list and the access levels spare.
    private bool[] Resolve()
    {
        var unused = Policy.Matched(_catalog, [.. _names, .. _patterns]);
        var used = _used is null ? null : Policy.Matched(_catalog, _used);
        var kept = Policy.Matched(_catalog, []);
        for (var i = 0; i < _catalog.Count; i++)
        {
            kept[i] = _keep.Exists(k => Glob.IsMatch(k, _catalog.Names[i]));
        }

        for (var i = 0; i < unused.Length; i++)
        {
            var name = _catalog.Names[i];
            unused[i] |= _wholeServices.Contains(name[..name.IndexOf(':', StringComparison.Ordinal)]);
            unused[i] |= used is not null && !used[i];
            unused[i] &= !kept[i] && (_levels is null || _levels.Contains(_catalog.AccessLevels[i]));
        }

        return unused;
    }

    private bool SparedUnknownName(string name) => _levels is not null || _keep.Exists(k => Glob.IsMatch(k, name));

    private bool SparedUnknownService(string service) => _levels is not null || _keep.Exists(k => Glob.CanMatchSomethingStartingWith(k, service + ":"));

    // A finding's action is reported unless a threshold is set and its date is within it.
    private bool Reported(JsonNode? lastAccessed) => _cutoff is not { } cutoff || Instant(lastAccessed) is not { } at || at < cutoff;

    // A date of use counts unless a threshold is set and the date is older than it.
    private bool CountsAsUse(JsonNode? lastAccessed) => _cutoff is not { } cutoff || Instant(lastAccessed) is not { } at || at >= cutoff;

    private void AddFinding(JsonNode permission)
    {
        var service = permission["serviceNamespace"]!.GetValue<string>().ToLowerInvariant();
        if (permission["actions"] is not JsonArray { Count: > 0 } actions)
        {
            if (Reported(permission["lastAccessed"]))
            {
                _wholeServices.Add(service);
            }

            return;
        }

        foreach (var action in actions)
        {
            if (action is JsonObject o && !Reported(o["lastAccessed"]))
            {
                continue;
            }

            var full = service + ":" + (action is JsonObject named ? named["action"]! : action!).GetValue<string>().ToLowerInvariant();
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

    private void AddReport(JsonObject report)
    {
        var actionLevel = report["JobType"]?.GetValue<string>() != "SERVICE_LEVEL";
        foreach (var entry in report["ServicesLastAccessed"]!.AsArray())
        {
            var service = entry!["ServiceNamespace"]!.GetValue<string>().ToLowerInvariant();
            var last = Instant(entry["LastAuthenticated"]);
            if (last is null || (_cutoff is { } cutoff && last < cutoff))
            {
                _wholeServices.Add(service);
                continue;
            }

            foreach (var tracked in actionLevel ? entry["TrackedActionsLastAccessed"]?.AsArray() ?? [] : [])
            {
                var time = Instant(tracked!["LastAccessedTime"]);
                if (time is null || (_cutoff is { } before && time < before))
                {
                    var name = tracked["ActionName"]!.GetValue<string>().ToLowerInvariant();
                    _names.Add(name.StartsWith(service + ":", StringComparison.Ordinal) ? name : service + ":" + name);
                }
            }
        }
    }

    // A timestamp as AWS's tools print one, read with the framework's own parser: ISO 8601 or Python's form, or epoch seconds.
    private static DateTimeOffset? Instant(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) * 1000)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => DateTimeOffset.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => null,
    };
}
