using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Core.Catalog;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Benchmarks;

/// <summary>
/// Our half of the side-by-side with iam-shrink (peer/shrink-compare.sh runs both): refines every request of a sample folder
/// in each mode, times each refinement (median of several after a warm-up), and writes the recommended documents, their
/// sizes, entry counts and splits for the report to check and count.
/// </summary>
public static class PeerShrink
{
    private const int Runs = 15;

    private static readonly (string Name, RefinementOptions Options)[] Modes =
    [
        ("prefix", new RefinementOptions(WildcardMode.Prefix)),
        ("prefix-compact", new RefinementOptions(WildcardMode.Prefix, Compact: true)),
        ("compact", new RefinementOptions(WildcardMode.Compact, Compact: true)),
    ];

    public static void Run(string sampleFolder, string outputFile, TextWriter output)
    {
        var catalog = ActionCatalog.LoadEmbedded();
        var refiner = new Refiner(catalog);
        var results = new JsonArray();
        foreach (var file in Directory.GetFiles(sampleFolder, "*.request.json").Order(StringComparer.Ordinal))
        {
            var request = JsonNode.Parse(File.ReadAllText(file))!;
            var document = PolicyDocument.Parse(request["policy"]!.ToJsonString());
            var unused = UnusedActionSet.Create(catalog, [.. request["unusedPermissions"]!.AsArray().Select(p => new UnusedServiceActions(
                p!["serviceNamespace"]!.GetValue<string>(),
                p["actions"] is JsonArray actions ? [.. actions.Select(a => a!.GetValue<string>())] : null))]);

            var item = new JsonObject { ["name"] = Path.GetFileName(file)[..^".request.json".Length] };
            foreach (var (name, options) in Modes)
            {
                var result = refiner.Refine(document, unused, options);
                for (var i = 0; i < 3; i++)
                {
                    refiner.Refine(document, unused, options);
                }

                var times = new double[Runs];
                for (var i = 0; i < Runs; i++)
                {
                    var clock = Stopwatch.StartNew();
                    refiner.Refine(document, unused, options);
                    times[i] = clock.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);

                // With a NotAction list written as an Action list for the split, the document split is longer than the recommendation.
                var splitCharacters = result.Split is null || !result.Warnings.Any(w => w.Code == RefinementWarningCodes.NotActionWrittenAsAction)
                    ? result.Size.Characters
                    : PolicySizeLimits.Measure(refiner.Split(result.RecommendedPolicy!, result.Size.Limit, options, _ => false, document.StatementIsArray, CancellationToken.None).Document);
                item[name] = new JsonObject
                {
                    ["medianMs"] = times[Runs / 2],
                    ["characters"] = result.Size.Characters,
                    ["limit"] = result.Size.Limit,
                    ["splitCharacters"] = splitCharacters,
                    ["entries"] = result.RecommendedPolicy?.Statements.Sum(s => s.Entries.Count) ?? 0,
                    ["document"] = result.RecommendedPolicy is null ? null : JsonNode.Parse(result.RecommendedPolicy.ToCompactJson()),
                    ["split"] = result.Split is null ? null : new JsonArray([.. result.Split.Select(p => (JsonNode)new JsonObject
                    {
                        ["characters"] = p.Characters,
                        ["withinLimit"] = p.WithinLimit,
                        ["document"] = JsonNode.Parse(p.Document.ToCompactJson()),
                    })]),
                };
            }

            results.Add(item);
            output.WriteLine($"{item["name"]}: prefix {item["prefix"]!["characters"]} characters, compact {item["compact"]!["characters"]}");
        }

        File.WriteAllText(outputFile, results.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
