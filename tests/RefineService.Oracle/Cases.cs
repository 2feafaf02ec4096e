using System.Text.Json.Nodes;
using CsCheck;

namespace RefineService.Oracle;

/// <summary>A policy and the unused actions reported for it, as a request spells them.</summary>
/// <param name="UnusedPermissions">Items of the request's <c>unusedPermissions</c>.</param>
/// <param name="FindingDetails">Items of the request's <c>findingDetails</c>.</param>
/// <param name="Activity">The request's <c>usedActions</c> and <c>lastAccessedDetails</c>, when the case has them.</param>
/// <param name="Filters">Members of the request's <c>options</c> that spare unused actions (<c>unusedForDays</c>, <c>asOf</c>, <c>keep</c>, <c>accessLevels</c>, <c>skipStatements</c>).</param>
public sealed record PolicyCase(JsonObject Policy, JsonArray UnusedPermissions, JsonArray FindingDetails, JsonObject Activity, JsonObject Filters)
{
    /// <summary>Adds the case's activity data and filters to <paramref name="request"/> (its options merged into any it has).</summary>
    public JsonObject WithActivityAndFilters(JsonObject request)
    {
        foreach (var (name, value) in Activity)
        {
            request[name] = value!.DeepClone();
        }

        if (Filters.Count > 0)
        {
            var options = request["options"] as JsonObject ?? [];
            foreach (var (name, value) in Filters)
            {
                options[name] = value!.DeepClone();
            }

            request["options"] = options;
        }

        return request;
    }

    public override string ToString() =>
        $"policy: {Policy.ToJsonString()}\nunusedPermissions: {UnusedPermissions.ToJsonString()}\nfindingDetails: {FindingDetails.ToJsonString()}\nactivity: {Activity.ToJsonString()}\nfilters: {Filters.ToJsonString()}";
}

/// <summary>
/// Generators of policies and findings built from real catalog actions: every entry shape (names, prefixes, infixes,
/// suffixes, <c>?</c>, <c>svc:*</c>, <c>*:Get*</c>, bare <c>*</c>), mixed case, overlapping wildcards, actions and services
/// the catalog lacks, single statements and single-string lists; findings with names, objects, wildcard names, whole
/// services (absent, null or empty lists) and wholly unused services the catalog lacks.
/// </summary>
public static class Cases
{
    /// <summary>Services the cases are drawn from: large and small, with long and short names.</summary>
    public static readonly string[] Services = ["s3", "ec2", "iam", "lambda", "dynamodb", "sqs", "kms", "logs", "cloudwatch", "sts", "a2c", "oam"];

    /// <summary>Services no catalog has.</summary>
    public static readonly string[] UnknownServices = ["newservice", "zz-future"];

    private static readonly OracleCatalog Catalog = OracleCatalog.Shipped;

    private static readonly string[] Pool =
        [.. Catalog.Spelled.Where(a => Services.Contains(a[..a.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal))];

    /// <summary>
    /// One Action or NotAction entry; <paramref name="wide"/> allows entries that match across the whole catalog, and
    /// <paramref name="serviceWildcards"/> wildcards in the service prefix (the engine takes them; the API's validation does not).
    /// </summary>
    private static Gen<string> Entry(bool wide, bool serviceWildcards) =>
        Gen.Select(Gen.Int[0, Pool.Length - 1], Gen.Int[0, wide ? 15 : 13], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.UInt, (pick, kind, a, b, caseBits) =>
        {
            var full = Pool[pick];
            var colon = full.IndexOf(':', StringComparison.Ordinal);
            var (service, name) = (full[..colon], full[(colon + 1)..]);
            var cut = 1 + (a % name.Length);
            var other = b % name.Length;
            var entry = kind switch
            {
                0 or 1 => full,
                2 => $"{service}:{name[..cut]}*",
                3 => $"{service}:{name[..WordCut(name, a)]}*",
                4 => $"{service}:*{name[Math.Min(cut, other)..Math.Max(cut, other)]}*",
                5 => $"{service}:*{name[cut..]}",
                6 => $"{service}:{name[..other]}?{name[Math.Min(other + 1, name.Length)..]}",
                7 => $"{service}:{name[..Math.Min(cut, 3)]}*{name[^Math.Min(2, name.Length)..]}",
                8 => $"{service}:*",
                9 => $"{service}:{name[..(cut / 2)]}*?*",
                10 => $"{service}:{name}BrandNew",
                11 => $"{UnknownServices[a % UnknownServices.Length]}:{name}",
                12 when serviceWildcards && b % 2 == 1 => $"{UnknownServices[a % UnknownServices.Length][..3]}*:{name[..cut]}*",
                12 => b % 2 == 0 ? $"{UnknownServices[a % UnknownServices.Length]}:*" : $"{UnknownServices[a % UnknownServices.Length]}:{name[..cut]}*",
                13 when serviceWildcards => $"{service[..1]}*:{name[..cut]}*",
                14 when serviceWildcards => $"*:{name[..Math.Min(cut, 4)]}*",
                13 or 14 => $"{service}:*{name[cut..]}*",
                _ => "*",
            };
            return kind == 1 || caseBits % 5 == 0 ? MixCase(entry, caseBits) : entry;
        });

    private static Gen<JsonObject> Statement(bool serviceWildcards) =>
        Gen.Select(Entry(wide: true, serviceWildcards), Entry(wide: false, serviceWildcards).Array[0, 4], Gen.Int[0, 9], Gen.Int[0, 3], (first, rest, kind, shape) =>
        {
            string[] entries = [first, .. rest];
            var statement = new JsonObject();
            if (shape == 0)
            {
                statement["Sid"] = "S" + kind;
            }

            statement["Effect"] = kind == 0 ? "Deny" : "Allow";
            JsonNode list = entries.Length == 1 && shape < 2 ? JsonValue.Create(entries[0]) : new JsonArray([.. entries.Select(e => (JsonNode)JsonValue.Create(e))]);
            statement[kind is 1 or 2 ? "NotAction" : "Action"] = list;
            statement["Resource"] = shape == 3 ? new JsonArray("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*") : "*";
            if (shape == 1)
            {
                statement["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "true" } };
            }

            return statement;
        });

    /// <summary>A policy of one to three statements; a single statement is sometimes given as an object, not a list.</summary>
    public static readonly Gen<JsonObject> Policy = PolicyOf(serviceWildcards: true);

    /// <summary>A policy as the API takes it: no wildcard in a service prefix.</summary>
    public static readonly Gen<JsonObject> ApiPolicy = PolicyOf(serviceWildcards: false);

    /// <summary>A policy with unused actions drawn from what it allows, whole services, wildcard names and names the catalog lacks.</summary>
    public static readonly Gen<PolicyCase> Case = CaseOf(Policy);

    /// <summary>A case as the API takes it: no wildcard in a service prefix.</summary>
    public static readonly Gen<PolicyCase> ApiCase = CaseOf(ApiPolicy);

    /// <summary>A case whose policy allows every action (<c>"*"</c>) in its first Allow <c>Action</c> statement, as broad policies do.</summary>
    public static readonly Gen<PolicyCase> EveryActionCase = CaseOf(Policy.Select(AllowingEveryAction));

    /// <summary>As <see cref="EveryActionCase"/>, as the API takes it.</summary>
    public static readonly Gen<PolicyCase> ApiEveryActionCase = CaseOf(ApiPolicy.Select(AllowingEveryAction));

    // "*" goes first into the first Allow Action list; a policy without one is given a statement of its own.
    private static JsonObject AllowingEveryAction(JsonObject policy)
    {
        var copy = policy.DeepClone().AsObject();
        var statements = copy["Statement"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [copy["Statement"]!.AsObject()];
        var target = statements.FirstOrDefault(s => s["Effect"]?.GetValue<string>() == "Allow" && s["Action"] is not null);
        if (target is null)
        {
            var added = new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "*" };
            copy["Statement"] = new JsonArray([.. statements.Select(s => s.DeepClone()), added]);
            return copy;
        }

        var entries = target["Action"] is JsonArray actions ? actions.Select(a => a!.GetValue<string>()).ToList() : [target["Action"]!.GetValue<string>()];
        target["Action"] = new JsonArray([.. new[] { "*" }.Concat(entries).Select(e => (JsonNode)JsonValue.Create(e))]);
        return copy;
    }

    private static Gen<JsonObject> PolicyOf(bool serviceWildcards) =>
        Gen.Select(Statement(serviceWildcards).Array[1, 3], Gen.Bool, (statements, asObject) => new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = statements.Length == 1 && asObject ? statements[0] : new JsonArray([.. statements]),
        });

    private static Gen<PolicyCase> CaseOf(Gen<JsonObject> policies) =>
        policies.SelectMany(policy => Gen.Select(Gen.Int[0, 100], Gen.Int[0, 3], Gen.Int[0, 4], Gen.UInt, (percent, wholeServices, extras, seed) =>
        {
            var random = new Random((int)seed);
            var allowed = RefineService.Oracle.Policy.Read(policy).Allowed(Catalog);

            // A policy that allows whole services is given the unused actions of a few of them, as a finding would list.
            var services = Enumerable.Range(0, Catalog.Count).Where(i => allowed[i]).Select(i => ServiceOf(Catalog.Spelled[i])).Distinct().ToList();
            var chosen = services.OrderBy(_ => random.Next()).Take(6).ToHashSet(StringComparer.Ordinal);
            var items = new List<(string Service, JsonNode? Actions)>();
            foreach (var group in Enumerable.Range(0, Catalog.Count)
                .Where(i => allowed[i] && chosen.Contains(ServiceOf(Catalog.Spelled[i])) && random.Next(100) < percent)
                .GroupBy(i => ServiceOf(Catalog.Spelled[i])))
            {
                items.Add((group.Key, new JsonArray([.. group.Select(i => (JsonNode)JsonValue.Create(random.Next(4) == 0
                    ? NameOf(Catalog.Spelled[i]).ToLowerInvariant()
                    : NameOf(Catalog.Spelled[i])))])));
            }

            for (var i = 0; i < wholeServices; i++)
            {
                var service = random.Next(4) == 0 ? UnknownServices[random.Next(UnknownServices.Length)] : Services[random.Next(Services.Length)];
                items.Add((service, random.Next(3) switch { 0 => null, 1 => JsonValue.Create((string?)null), _ => new JsonArray() }));
            }

            for (var i = 0; i < extras; i++)
            {
                var action = Pool[random.Next(Pool.Length)];
                var name = NameOf(action);
                items.Add(random.Next(4) switch
                {
                    0 => (ServiceOf(action), new JsonArray(name[..Math.Min(1 + random.Next(6), name.Length)] + "*")),
                    1 => (ServiceOf(action), new JsonArray(name + "BrandNew")),
                    2 => (ServiceOf(action), new JsonArray(MixCase(name, (uint)random.Next()))),
                    _ => (UnknownServices[random.Next(UnknownServices.Length)], new JsonArray(name)),
                });
            }

            // Each item goes to unusedPermissions (names as strings or objects) or to findingDetails (objects, as Access Analyzer writes them).
            var permissions = new JsonArray();
            var details = new JsonArray();
            foreach (var (service, actions) in items.OrderBy(_ => random.Next()))
            {
                var asFinding = random.Next(3) == 0;
                var item = new JsonObject { ["serviceNamespace"] = service };
                if (actions is not null)
                {
                    item["actions"] = actions is JsonArray names
                        ? new JsonArray([.. names.Select(n => asFinding || random.Next(3) == 0
                            ? new JsonObject { ["action"] = n!.GetValue<string>(), ["lastAccessed"] = Date(random) }
                            : n!.DeepClone())])
                        : actions.DeepClone();
                }
                else if (random.Next(3) == 0)
                {
                    item["lastAccessed"] = Date(random);
                }

                if (asFinding)
                {
                    details.Add(new JsonObject { ["unusedPermissionDetails"] = item });
                }
                else
                {
                    permissions.Add(item);
                }
            }

            return new PolicyCase(policy, permissions, details, Activity(allowed, services, random), Filters(policy, allowed, random));
        }));

    /// <summary>The instant the cases' thresholds count back from.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // Ages in days on both sides of the thresholds the cases use (30 and 90).
    private static readonly int[] Ages = [1, 10, 29, 31, 89, 91, 200, 400];

    private static readonly string[] Levels = ["List", "Read", "Write", "Permissions management", "Tagging"];

    private static readonly Dictionary<string, string[]> ActionsOfService = Catalog.Spelled.GroupBy(ServiceOf).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>A date of last use in every form AWS's tools print: ISO 8601, Python's form, epoch seconds.</summary>
    private static JsonValue Date(Random random)
    {
        var at = AsOf.AddDays(-Ages[random.Next(Ages.Length)]).AddMinutes(-random.Next(600));
        return random.Next(6) switch
        {
            0 => JsonValue.Create(at.ToUnixTimeSeconds()),
            1 => JsonValue.Create(at.ToString("yyyy-MM-dd HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Sometimes the actions seen used (names, patterns, dated or not), sometimes IAM's last accessed report of some services the policy allows (<paramref name="allowed"/>, in <paramref name="services"/>).</summary>
    public static JsonObject Activity(bool[] allowed, List<string> services, Random random)
    {
        var activity = new JsonObject();
        if (random.Next(4) == 0)
        {
            var allowedNames = Enumerable.Range(0, Catalog.Count).Where(i => allowed[i]).Select(i => Catalog.Spelled[i]).ToList();
            var used = new JsonArray();
            for (var n = random.Next(0, 40); n > 0 && allowedNames.Count > 0; n--)
            {
                var action = allowedNames[random.Next(allowedNames.Count)];
                JsonNode entry = random.Next(6) switch
                {
                    0 => $"{ServiceOf(action)}:{NameOf(action)[..Math.Min(1 + random.Next(5), NameOf(action).Length)]}*",
                    1 => action.ToLowerInvariant(),
                    2 => $"{ServiceOf(action)}:{NameOf(action)}BrandNew",
                    _ => action,
                };
                used.Add(random.Next(3) == 0 ? new JsonObject { ["action"] = entry.GetValue<string>(), ["lastAccessed"] = Date(random) } : entry);
            }

            activity["usedActions"] = used;
        }

        if (random.Next(4) == 0)
        {
            var actionLevel = random.Next(4) != 0;
            var reported = new JsonArray();
            foreach (var service in services.OrderBy(_ => random.Next()).Take(4).Append(random.Next(3) == 0 ? UnknownServices[0] : Services[random.Next(Services.Length)]).Distinct())
            {
                var entry = new JsonObject { ["ServiceName"] = service.ToUpperInvariant(), ["ServiceNamespace"] = service };
                if (random.Next(3) != 0)
                {
                    entry["LastAuthenticated"] = Date(random);
                    entry["TotalAuthenticatedEntities"] = 1;
                }
                else
                {
                    entry["TotalAuthenticatedEntities"] = 0;
                }

                if (actionLevel && random.Next(3) != 0)
                {
                    var names = ActionsOfService.TryGetValue(service, out var actions) ? actions.Select(NameOf).ToArray() : ["GetThing", "PutThing"];
                    entry["TrackedActionsLastAccessed"] = new JsonArray([.. names.OrderBy(_ => random.Next()).Take(1 + random.Next(8)).Select(name =>
                    {
                        var tracked = new JsonObject { ["ActionName"] = random.Next(5) == 0 ? $"{service}:{name}" : random.Next(5) == 0 ? name.ToLowerInvariant() : name };
                        if (random.Next(2) == 0)
                        {
                            tracked["LastAccessedTime"] = Date(random);
                        }

                        return (JsonNode)tracked;
                    })]);
                }

                reported.Add(entry);
            }

            activity["lastAccessedDetails"] = new JsonObject
            {
                ["JobStatus"] = "COMPLETED",
                ["JobType"] = actionLevel ? "ACTION_LEVEL" : "SERVICE_LEVEL",
                ["JobCreationDate"] = "2026-11-30T10:00:00.123000+00:00",
                ["ServicesLastAccessed"] = reported,
                ["JobCompletionDate"] = "2026-11-30T10:00:05.456000+00:00",
                ["IsTruncated"] = false,
            };
        }

        return activity;
    }

    /// <summary>Sometimes an age threshold, a keep list, access levels or statements to skip (of <paramref name="policy"/>'s Sids), in any combination.</summary>
    public static JsonObject Filters(JsonObject policy, bool[] allowed, Random random)
    {
        var filters = new JsonObject();
        if (random.Next(3) == 0)
        {
            filters["unusedForDays"] = random.Next(2) == 0 ? 30 : 90;
            filters["asOf"] = random.Next(2) == 0 ? "2026-12-01T00:00:00Z" : "2026-12-01 00:00:00+00:00";
        }

        if (random.Next(3) == 0)
        {
            var allowedNames = Enumerable.Range(0, Catalog.Count).Where(i => allowed[i]).Select(i => Catalog.Spelled[i]).DefaultIfEmpty("kms:Decrypt").ToList();
            var keep = new JsonArray();
            for (var n = 1 + random.Next(3); n > 0; n--)
            {
                var action = allowedNames[random.Next(allowedNames.Count)];
                keep.Add(random.Next(8) switch
                {
                    0 => $"{ServiceOf(action)}:Get*",
                    1 => "*:Describe*",
                    2 => "*:List*",
                    3 => $"{ServiceOf(action)}:*",
                    4 => $"{UnknownServices[random.Next(UnknownServices.Length)]}:*",
                    5 => $"{ServiceOf(action)}:{NameOf(action)[..Math.Min(3, NameOf(action).Length)]}*",
                    _ => random.Next(2) == 0 ? action : action.ToUpperInvariant(),
                });
            }

            filters["keep"] = keep;
        }

        if (random.Next(4) == 0)
        {
            filters["accessLevels"] = new JsonArray([.. Levels.Where(_ => random.Next(2) == 0).DefaultIfEmpty("Write").Select(l => (JsonNode)(random.Next(4) == 0 ? l.ToLowerInvariant() : l))]);
        }

        var sids = RefineService.Oracle.Policy.Read(policy).Statements.Select(s => s?.Sid).OfType<string>().Distinct().ToList();
        if (sids.Count > 0 && random.Next(3) == 0)
        {
            filters["skipStatements"] = new JsonArray([.. sids.Where(_ => random.Next(2) == 0).DefaultIfEmpty(sids[0]).Select(s => (JsonNode)s), .. random.Next(4) == 0 ? new JsonNode[] { "NoSuchSid" } : []]);
        }

        return filters;
    }

    private static string ServiceOf(string action) => action[..action.IndexOf(':', StringComparison.Ordinal)];

    private static string NameOf(string action) => action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];

    // A cut of the name at one of its word boundaries (a capital), so that wildcards overlap the prefixes the engine writes.
    private static int WordCut(string name, int pick)
    {
        var starts = Enumerable.Range(1, name.Length - 1).Where(i => char.IsUpper(name[i])).ToList();
        return starts.Count == 0 ? name.Length : starts[pick % starts.Count];
    }

    private static string MixCase(string text, uint bits) =>
        string.Concat(text.Select((c, i) => ((bits >> (i % 32)) & 1) == 1 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
}
