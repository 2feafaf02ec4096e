using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.OpenApi;
using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Benchmarks;

/// <summary>A recommendation request used as a benchmark input: the seed example or one extracted from the AWS managed policies.</summary>
public sealed class Workload
{
    /// <summary>The seed article's request, as the API's own example file.</summary>
    public const string Seed = "seed";

    /// <summary>The seed article's policy with its whole GetFindingV2 answer, as the API's second example file.</summary>
    public const string SeedFinding = "seed-finding";

    private static readonly JsonSerializerOptions AsAwsToolsPrint = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Workload(string name, byte[] body)
    {
        Name = name;
        Body = body;
        var request = JsonNode.Parse(body)!.AsObject();
        Policy = PolicyDocument.Parse(request["policy"]!.ToJsonString());
        var entries = request["unusedPermissions"]?.AsArray()
            ?? new JsonArray([.. request["finding"]!["findingDetails"]!.AsArray().Select(d => d!["unusedPermissionDetails"]!.DeepClone())]);
        Unused = [.. entries.Select(entry => new UnusedServiceActions(
            entry!["serviceNamespace"]!.GetValue<string>(),
            entry["actions"]?.AsArray().Select(a => a is JsonObject o ? o["action"]!.GetValue<string>() : a!.GetValue<string>()).ToList()))];
    }

    public string Name { get; }

    /// <summary>The request body, UTF-8 JSON, as a client sends it.</summary>
    public byte[] Body { get; }

    /// <summary>The policy document, parsed.</summary>
    public PolicyDocument Policy { get; }

    /// <summary>The unused permissions, as the engine takes them.</summary>
    public IReadOnlyList<UnusedServiceActions> Unused { get; }

    public static Workload Load(string name)
    {
        if (name is Seed or SeedFinding)
        {
            // Written as AWS's tools print JSON (Python's json.dumps): compact, '+' of an offset and other ASCII as is; .NET's
            // default encoder would write the finding's timestamps' '+' as \u002B, which no AWS tool does.
            return new Workload(name, JsonSerializer.SerializeToUtf8Bytes(RequestExamples.Load(name == Seed ? RequestExamples.Recommendation : RequestExamples.Finding), AsAwsToolsPrint));
        }

        return new Workload(name, Resource($"{name}.request.json"));
    }

    /// <summary>Every wildcard pattern found in the AWS managed policies (Action and NotAction).</summary>
    public static IReadOnlyList<string> ManagedPolicyWildcards() =>
        System.Text.Encoding.UTF8.GetString(Resource("managed-policy-wildcards.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static byte[] Resource(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Workloads/{file}")
            ?? throw new InvalidOperationException($"The workload '{file}' is not embedded; run scripts/extract-workloads.sh.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public override string ToString() => Name;
}
