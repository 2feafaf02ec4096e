using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Contracts;
using RefineService.Api.Endpoints;
using RefineService.Api.Limits;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;

namespace RefineService.Benchmarks;

/// <summary>
/// The worst requests the service's limits allow (<see cref="RequestLimits"/>), each the worst of its kind, through the
/// request path as the endpoint runs it: the body checked for text that is not Unicode, deserialized with the service's
/// JSON settings, validated (limits included), handled, and the answer serialized. Every one must take under 100 ms.
/// Run with the server garbage collector, as the service runs (the Web SDK's default): these requests allocate megabytes.
/// </summary>
[GcServer(true)]
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; the stream holds managed memory only.")]
public class HostileInputBenchmarks
{
    private readonly MemoryStream _response = new(capacity: 16 * 1024 * 1024);
    private byte[] _body = [];
    private JsonSerializerOptions _json = null!;
    private IValidator<RecommendationRequest> _recommendationValidator = null!;
    private IValidator<ExpandActionsRequest> _expandValidator = null!;
    private ActionCatalog _catalog = null!;

    /// <summary>The kind of hostile request; see <see cref="HostileRequests"/>.</summary>
    [Params("glob-patterns", "short-glob-patterns", "star-run-patterns", "star-statements", "notaction-statements", "plain-actions", "unused-globs", "deep-nesting", "expand")]
    public string Request { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = RequestPipeline.Create();
        _catalog = pipeline.Catalog;
        _json = pipeline.Json;
        _recommendationValidator = pipeline.Validator;
        _expandValidator = pipeline.Services.GetRequiredService<IValidator<ExpandActionsRequest>>();
        _body = HostileRequests.Build(Request, _catalog);
        if (_body.Length > RequestLimits.MaxBodyBytes)
        {
            throw new InvalidOperationException($"The '{Request}' body has {_body.Length} bytes, more than the service reads.");
        }

        // A request the limits refuse would measure nothing worth knowing.
        if (Run().GetAwaiter().GetResult() == 0)
        {
            throw new InvalidOperationException($"The '{Request}' request was not served.");
        }
    }

    [Benchmark]
    public Task<long> WholeRequest() => Run();

    private async Task<long> Run()
    {
        _response.SetLength(0);
        using var body = new MemoryStream(_body, writable: false);
        if (Request == "expand")
        {
            var expand = await JsonSerializer.DeserializeAsync(body, Type<ExpandActionsRequest>()) ?? throw new InvalidOperationException("null body");
            Check(await _expandValidator.ValidateAsync(expand));
            var expanded = ActionsApi.Expand(expand, _catalog);
            await JsonSerializer.SerializeAsync(_response, expanded.Value!, Type<ExpandActionsResponse>());
            return _response.Length;
        }

        var request = await JsonSerializer.DeserializeAsync(body, Type<RecommendationRequest>()) ?? throw new InvalidOperationException("null body");
        Check(await _recommendationValidator.ValidateAsync(request));
        var answer = RecommendationsApi.Recommend(request, _catalog, RequestPipeline.Diagnostics, TimeProvider.System, cancellationToken: CancellationToken.None);
        await JsonSerializer.SerializeAsync(_response, answer.Value!, Type<RecommendationResponse>());
        return _response.Length;
    }

    private JsonTypeInfo<T> Type<T>() => (JsonTypeInfo<T>)_json.GetTypeInfo(typeof(T));

    private static void Check(FluentValidation.Results.ValidationResult validation)
    {
        if (!validation.IsValid)
        {
            throw new InvalidOperationException("The limits refuse this request: " + validation);
        }
    }
}

/// <summary>Builds the worst request of each kind that the limits still allow.</summary>
public static class HostileRequests
{
    public static byte[] Build(string kind, ActionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var actions = Enumerable.Range(0, catalog.Count).Select(i => catalog[i]).ToList();
        var largest = catalog.Services.MaxBy(s => s.ActionCount)!;

        // Half the catalog unused, spread over every service, up to the most unused actions a request may list; each exact name counts one.
        var spread = actions.Where((_, i) => i % 2 == 0).Take(RequestLimits.MaxUnusedActions).ToList();
        JsonArray SpreadUnused() => Unused(spread);
        var largestHalf = catalog.ActionsOf(largest).Where((_, i) => i % 2 == 0).ToList();
        var largestHalfUnused = Unused(largestHalf);

        // How many patterns each costing `each` fit in the work limit beside `spent` (see ExaminedActions).
        static int Allowed(int each, int spent) => (RequestLimits.MaxExaminedActions - spent) / each;
        static int Expandable(int each, int spent) => (RequestLimits.MaxExpandedActions - spent) / each;
        int Cost(string pattern) => (int)ExaminedActions.OfPattern(catalog, pattern);

        JsonNode body = kind switch
        {
            // Patterns of the greatest length, all wildcards, against the largest service; as many as the work limit allows.
            "glob-patterns" => Request(
                Document(Statements(Fill(Allowed(Cost(Glob(largest.Prefix, 0)), largestHalf.Count), i => Glob(largest.Prefix, i)), 1)),
                largestHalfUnused),

            // Patterns of the greatest length that are nothing but stars after the service: the matcher's own slowest shape.
            "star-run-patterns" => Request(
                Document(Statements(Fill(Allowed(Cost(StarRun(largest.Prefix)), largestHalf.Count), _ => StarRun(largest.Prefix)), 1)),
                largestHalfUnused),

            // The same with patterns of one pass (ExaminedActions.CharactersPerPass), so many more of them.
            "short-glob-patterns" => Request(
                Document(Statements(Fill(Allowed(Cost(Glob(largest.Prefix, 0, ExaminedActions.CharactersPerPass)), largestHalf.Count), i => Glob(largest.Prefix, i, ExaminedActions.CharactersPerPass)), 1)),
                largestHalfUnused),

            // "*" in as many Allow statements as the work limit allows, half the catalog unused: each rewritten from the whole catalog.
            "star-statements" => Request(
                Document(Statements(Fill(Allowed(catalog.Count, spread.Count), _ => "*"), 1)),
                SpreadUnused()),

            "notaction-statements" => Request(
                Document([.. Enumerable.Range(0, Allowed((ExaminedActions.NotActionPasses * catalog.Count) + largest.ActionCount, spread.Count)).Select(_ => (JsonNode)new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["NotAction"] = $"{largest.Prefix}:*",
                    ["Resource"] = "*",
                })]),
                SpreadUnused()),

            // Exact action names, as many as a mebibyte holds with the unused actions beside them.
            "plain-actions" => Fit(n => Request(Document(Statements(Fill(n, i => actions[(i * 7919) % actions.Count].FullName), RequestLimits.MaxStatements)), SpreadUnused())),

            // Unused action names with wildcards, of the greatest length, against the largest service, as many as the work limit allows.
            "unused-globs" => Request(
                Document(Statements([$"{largest.Prefix}:*"], 1)),
                new JsonArray([.. Fill(Allowed(Cost(Glob(largest.Prefix, 0)), Cost($"{largest.Prefix}:*")), i => Glob(largest.Prefix, i)[(largest.Prefix.Length + 1)..])
                    .Select(name => (JsonNode)new JsonObject { ["serviceNamespace"] = largest.Prefix, ["actions"] = new JsonArray(name) })])),

            // Conditions nested as deep as the service reads, as many as a mebibyte holds.
            "deep-nesting" => Fit(n => Request(
                Document([.. Enumerable.Range(0, Math.Min(n, RequestLimits.MaxStatements)).Select(i => (JsonNode)new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Action"] = actions[i].FullName,
                    ["Resource"] = "*",
                    ["Condition"] = Nested(RequestLimits.MaxJsonDepth - 5),
                })]),
                SpreadUnused())),

            // "*" as often as the work limit allows, then the largest service's actions: the biggest answer.
            "expand" => new JsonObject
            {
                ["patterns"] = new JsonArray([.. Fill(Expandable(catalog.Count, 0), _ => "*")
                    .Concat(Fill(Expandable(largest.ActionCount, Expandable(catalog.Count, 0) * catalog.Count), _ => $"{largest.Prefix}:*"))
                    .Select(p => (JsonNode)p)]),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such hostile request"),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>A pattern of <paramref name="length"/> characters (the most allowed by default), wildcards throughout, different for each <paramref name="i"/>.</summary>
    private static string Glob(string service, int i, int length = RequestLimits.MaxPatternLength)
    {
        var text = new StringBuilder(service).Append(':').Append(new string('*', i % 7 + 1)).Append('?');
        while (text.Length < length)
        {
            text.Append('*');
        }

        return text.ToString();
    }

    private static string StarRun(string service) => $"{service}:" + new string('*', RequestLimits.MaxPatternLength - service.Length - 1);

    private static List<string> Fill(int count, Func<int, string> make) => [.. Enumerable.Range(0, count).Select(make)];

    // The entries spread over up to `statements` Allow statements.
    private static List<JsonNode> Statements(List<string> entries, int statements)
    {
        var perStatement = (int)Math.Ceiling(entries.Count / (double)statements);
        return [.. entries.Chunk(Math.Max(1, perStatement)).Select(chunk => (JsonNode)new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray([.. chunk.Select(e => (JsonNode)e)]),
            ["Resource"] = "*",
        })];
    }

    private static JsonObject Document(List<JsonNode> statements) =>
        new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };

    private static JsonObject Request(JsonObject document, JsonArray unused) =>
        new() { ["policy"] = document, ["unusedPermissions"] = unused };

    private static JsonArray Unused(IEnumerable<CatalogAction> actions) =>
        new([.. actions.GroupBy(a => a.ServicePrefix).Select(service => (JsonNode)new JsonObject
        {
            ["serviceNamespace"] = service.Key,
            ["actions"] = new JsonArray([.. service.Select(a => (JsonNode)a.Name)]),
        })]);

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray("x");
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    // The largest n whose request still fits in a mebibyte.
    private static JsonNode Fit(Func<int, JsonNode> make)
    {
        int low = 1, high = 200_000;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Encoding.UTF8.GetByteCount(make(mid).ToJsonString()) <= RequestLimits.MaxBodyBytes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return make(low);
    }
}
