using System.Text.Json.Nodes;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CsCheck;
using RefineService.Core.Catalog;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;

namespace RefineService.Core.Tests.Refinement;

/// <summary>
/// The guarantee of the seed article, checked by brute force over the whole catalog: the recommended policy allows an
/// action if and only if the original allowed it and it is not unused; and every emitted wildcard is least general.
/// </summary>
public class ExactnessPropertyTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;
    private static readonly string[] Services = ["s3", "ec2", "iam", "lambda", "dynamodb", "sqs", "kms", "logs", "cloudwatch", "sts"];
    private static readonly CatalogAction[] Pool = [.. Services.SelectMany(s => Catalog.ActionsOf(Catalog.Services.Single(x => x.Prefix == s)))];
    private static readonly HashSet<string> CandidatePrefixes = BuildCandidatePrefixes();
    private static readonly string[] Keys = [.. Enumerable.Range(0, Catalog.Count).Select(Catalog.Key)];
    private static readonly ConcurrentDictionary<string, Regex> RegexCache = new();

    /// <summary>One Action or NotAction entry made from a real catalog action.</summary>
    private static readonly Gen<string> Entry =
        Gen.Select(Gen.Int[0, Pool.Length - 1], Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 1000], (pick, kind, a, b) =>
        {
            var action = Pool[pick];
            var name = action.Name;
            var cut = 1 + (a % name.Length);
            var other = b % name.Length;
            return kind switch
            {
                0 => action.FullName,
                1 => action.FullName.ToUpperInvariant(),
                2 => $"{action.ServicePrefix}:{name[..cut]}*",
                3 => $"{action.ServicePrefix}:*{name[Math.Min(cut, other)..Math.Max(cut, other)]}*",
                4 => $"{action.ServicePrefix}:*{name[cut..]}",
                5 => $"{action.ServicePrefix}:{name[..other]}?{name[Math.Min(other + 1, name.Length)..]}",
                6 => $"{action.ServicePrefix}:{name[..Math.Min(cut, 3)]}*{name[^Math.Min(2, name.Length)..]}",
                7 => $"{action.ServicePrefix}:*",
                8 => $"*:{name[..Math.Min(cut, 4)]}*",
                _ => $"{action.ServicePrefix}:{name[..(cut / 2)]}*?*",
            };
        });

    private static readonly Gen<JsonObject> Statement =
        Gen.Select(Entry.Array[1, 6], Gen.Int[0, 9], Gen.Bool, (entries, kind, single) =>
        {
            var effect = kind == 0 ? "Deny" : "Allow";
            var key = kind is 1 or 2 ? "NotAction" : "Action";
            JsonNode value = single && entries.Length == 1 ? JsonValue.Create(entries[0]) : new JsonArray([.. entries.Select(e => (JsonNode)JsonValue.Create(e))]);
            return new JsonObject { ["Effect"] = effect, [key] = value, ["Resource"] = "*" };
        });

    private static readonly Gen<JsonObject> Policy =
        Statement.Array[1, 3].Select(statements => new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray([.. statements]),
        });

    /// <summary>A policy with unused actions drawn from what it allows, whole services, patterns and unknown names.</summary>
    private static readonly Gen<(JsonObject Policy, List<UnusedActions> Unused)> Case =
        Policy.SelectMany(policy => Gen.Select(Gen.Int[0, 100], Gen.Int[0, 3], Gen.Int[0, 3], Gen.UInt, (percent, wholeServices, extras, seed) =>
        {
            var random = new Random((int)seed);
            var allowed = AllowedSet(policy);
            var unused = Enumerable.Range(0, Catalog.Count).Where(i => allowed[i] && random.Next(100) < percent).Select(i => Catalog[i])
                .GroupBy(a => a.ServicePrefix)
                .Select(g => new UnusedActions(g.Key, [.. g.Select(a => random.Next(4) == 0 ? a.Name.ToLowerInvariant() : a.Name)]))
                .ToList();
            for (var i = 0; i < wholeServices; i++)
            {
                unused.Add(new UnusedActions(Services[random.Next(Services.Length)], random.Next(2) == 0 ? null : []));
            }

            for (var i = 0; i < extras; i++)
            {
                var action = Pool[random.Next(Pool.Length)];
                unused.Add(random.Next(3) switch
                {
                    0 => new UnusedActions(action.ServicePrefix, [action.Name[..Math.Min(5, action.Name.Length)] + "*"]),
                    1 => new UnusedActions(action.ServicePrefix, [action.Name + "Brand" + "New"]),
                    _ => new UnusedActions("newservice", [action.Name]),
                });
            }

            return (policy, unused);
        }));

    [Fact]
    public void TheRecommendationAllowsExactlyWhatWasAllowedAndIsNotUnused() =>
        Case.Sample(
            c => CheckExact(c.Policy, c.Unused, WildcardMode.Prefix),
            iter: 100,
            print: c => c.Policy.ToJsonString() + " unused: " + string.Join(", ", c.Unused.Select(u => $"{u.ServiceNamespace}:[{string.Join(' ', u.Actions ?? [])}]")));

    [Fact]
    public void WithoutNewWildcardsTheRecommendationIsStillExact() =>
        Case.Sample(
            c => CheckExact(c.Policy, c.Unused, WildcardMode.None),
            iter: 30,
            print: c => c.Policy.ToJsonString());

    [Fact]
    public void NoEmittedWildcardCanBeShortenedByAWordWithoutCoveringAnActionItMustNotAllow() =>
        Case.Sample(
            c =>
            {
                var unused = UnusedActionSet.Create(Catalog, c.Unused);
                var result = new Refiner(Catalog).Refine(c.Policy, unused);
                var unknownUnused = UnknownUnused(c.Unused).ToList();
                foreach (var replacement in result.Changes.SelectMany(change => change.Replaced))
                {
                    var matched = new bool[Keys.Length];
                    MarkMatches(replacement.Entry.ToLowerInvariant(), matched);
                    var wanted = Enumerable.Range(0, Catalog.Count).Where(i => matched[i] && !unused.Contains(i)).ToHashSet();
                    foreach (var emitted in replacement.With.Where(e => e.EndsWith('*')))
                    {
                        var prefix = emitted[..^1].ToLowerInvariant();
                        Assert.All(Covered(prefix), i => Assert.Contains(i, wanted));
                        var parent = Enumerable.Range(1, prefix.Length - 1).Reverse().Select(l => prefix[..l]).FirstOrDefault(CandidatePrefixes.Contains);

                        // A whole service ("svc:*") has no shorter prefix but the empty one, which covers every service.
                        var coversUnknownUnused = parent is not null && unknownUnused.Any(u => u.StartsWith(parent, StringComparison.Ordinal));
                        Assert.True(
                            coversUnknownUnused || (parent is null ? Enumerable.Range(0, Keys.Length) : Covered(parent)).Any(i => !wanted.Contains(i)),
                            $"{replacement.Entry} => {emitted}: its parent '{parent}' covers only wanted actions");
                    }
                }
            },
            iter: 60,
            print: c => c.Policy.ToJsonString());

    private static void CheckExact(JsonObject policy, List<UnusedActions> unusedList, WildcardMode mode)
    {
        var unused = UnusedActionSet.Create(Catalog, unusedList);
        var result = new Refiner(Catalog).Refine(policy, unused, new RefinementOptions(mode));
        var recommended = result.RecommendedPolicy;
        var before = AllowedSet(policy);
        var after = recommended is null ? new bool[Keys.Length] : AllowedSet(recommended);
        for (var i = 0; i < Catalog.Count; i++)
        {
            var expected = before[i] && !unused.Contains(i);
            var actual = after[i];
            if (expected != actual)
            {
                Assert.Fail($"{Catalog[i].FullName}: expected allowed={expected}, recommended allows={actual}\n{recommended?.ToJsonString()}");
            }
        }

        foreach (var unknown in UnknownUnused(unusedList))
        {
            Assert.False(recommended is not null && Allows(recommended, unknown.ToLowerInvariant()), $"{unknown} is unused but still allowed");
        }
    }

    /// <summary>The unused actions, lower case, that the catalog lacks.</summary>
    private static IEnumerable<string> UnknownUnused(IEnumerable<UnusedActions> unused) =>
        unused.Where(u => u.Actions is { Count: > 0 })
            .SelectMany(u => u.Actions!.Select(a => $"{u.ServiceNamespace}:{a}".ToLowerInvariant()))
            .Where(a => !a.Contains('*', StringComparison.Ordinal) && !Catalog.Contains(a));

    /// <summary>IAM's action matching for one name: an Allow statement allows what its Action matches or its NotAction does not.</summary>
    private static bool Allows(JsonObject policy, string action) =>
        Statements(policy).Any(s => s.Entries.Any(e => ToRegex(e).IsMatch(action)) != s.IsNotAction);

    /// <summary>Which catalog actions (by index) <paramref name="policy"/> allows, by evaluating every entry over every action.</summary>
    private static bool[] AllowedSet(JsonObject policy)
    {
        var allowed = new bool[Keys.Length];
        foreach (var (entries, isNotAction) in Statements(policy))
        {
            var matched = new bool[Keys.Length];
            foreach (var entry in entries)
            {
                MarkMatches(entry.ToLowerInvariant(), matched);
            }

            for (var i = 0; i < Keys.Length; i++)
            {
                allowed[i] |= matched[i] != isNotAction;
            }
        }

        return allowed;
    }

    private static IEnumerable<(IEnumerable<string> Entries, bool IsNotAction)> Statements(JsonObject policy) =>
        policy["Statement"]!.AsArray().OfType<JsonObject>()
            .Where(s => s["Effect"]!.GetValue<string>() == "Allow")
            .Select(s => (s["NotAction"] ?? s["Action"]) switch
            {
                JsonArray array => (array.Select(e => e!.GetValue<string>()), s.ContainsKey("NotAction")),
                var single => ((IEnumerable<string>)[single!.GetValue<string>()], s.ContainsKey("NotAction")),
            });

    /// <summary>Marks the actions <paramref name="pattern"/> matches: a literal or a plain <c>prefix*</c> by string comparison, anything else by regular expression.</summary>
    private static void MarkMatches(string pattern, bool[] matched)
    {
        var wildcard = pattern.IndexOfAny(['*', '?']);
        if (wildcard < 0 || (wildcard == pattern.Length - 1 && pattern[^1] == '*'))
        {
            var prefix = wildcard < 0 ? pattern : pattern[..^1];
            for (var i = FirstAtOrAfter(prefix); i < Keys.Length && Keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                matched[i] |= wildcard >= 0 || Keys[i].Length == prefix.Length;
            }

            return;
        }

        var regex = ToRegex(pattern);
        for (var i = 0; i < Keys.Length; i++)
        {
            matched[i] |= regex.IsMatch(Keys[i]);
        }
    }

    /// <summary>The first index of the sorted keys not less than <paramref name="value"/>.</summary>
    private static int FirstAtOrAfter(string value)
    {
        var at = Array.BinarySearch(Keys, value, StringComparer.Ordinal);
        return at < 0 ? ~at : at;
    }

    /// <summary>An IAM pattern as a regular expression: independent of the engine's matcher.</summary>
    private static Regex ToRegex(string pattern) => RegexCache.GetOrAdd(pattern, p => new Regex(
        "^" + string.Concat(p.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline));

    private static IEnumerable<int> Covered(string prefix) =>
        Enumerable.Range(FirstAtOrAfter(prefix), Keys.Length - FirstAtOrAfter(prefix)).TakeWhile(i => Keys[i].StartsWith(prefix, StringComparison.Ordinal));

    private static HashSet<string> BuildCandidatePrefixes()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Catalog.Count; i++)
        {
            var action = Catalog[i];
            set.Add(action.ServicePrefix + ":");
            foreach (var length in ActionWords.PrefixLengths(action.Name))
            {
                set.Add((action.ServicePrefix + ":" + action.Name[..length]).ToLowerInvariant());
            }
        }

        return set;
    }
}
