using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Oracle;

namespace RefineService.Api.Tests.Properties;

/// <summary>
/// The service's guarantee end to end: random requests in every input shape and option the API takes, sent over HTTP,
/// judged from the raw request JSON by the oracle (<c>tests/RefineService.Oracle</c>), which shares no code with the service.
/// The answers are read into the service's contracts and handed to the oracle as plain values.
/// </summary>
public sealed class RecommendationPropertyTests(ApiFactory factory)
{
    /// <summary>
    /// A whole request: one policy or a list, with or without ids, documents as objects, JSON text or URL-encoded JSON text,
    /// findings as <c>findingDetails</c> or inside a whole GetFindingV2 answer (timestamps in every form, members this
    /// service does not read), every option, with activity data (<c>usedActions</c>, <c>lastAccessedDetails</c>) and filters.
    /// </summary>
    private static readonly Gen<JsonObject> Request =
        Gen.Select(Gen.OneOf(Cases.ApiCase, Cases.ApiEveryActionCase), Cases.ApiPolicy, Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 11], (c, second, shape, wildcards, explain, kind, findingShape, fitting) =>
        {
            var request = new JsonObject();
            JsonNode Document(JsonObject policy, bool asText) => asText ? JsonValue.Create(policy.ToJsonString())! : policy.DeepClone();
            if (shape <= 1)
            {
                request["policy"] = Document(c.Policy, asText: shape == 1);
            }
            else if (shape == 5)
            {
                // IAM's query API returns documents URL-encoded; the single form says what the policy is.
                request["policy"] = Uri.EscapeDataString(c.Policy.ToJsonString());
                request["policyId"] = "InlinePolicyOfTheRole";
                request["policyKind"] = "inlineRole";
                request["policyUpdatedAt"] = 1718027100.25;
            }
            else
            {
                string[] kinds = ["managed", "awsManaged", "inlineRole", "inlineUser", "inlineGroup"];
                var policies = new JsonArray(Item(c.Policy, 0));
                if (shape == 4 && WholeCatalogPasses(c.Policy) + WholeCatalogPasses(second) + WholeCatalogKeeps(c) <= 6)
                {
                    policies.Add(Item(second, 1));
                }

                request["policies"] = policies;
                JsonObject Item(JsonObject policy, int i)
                {
                    // Some policies say what they are, some do not: their steps then name them by position.
                    var item = kind == 3 ? new JsonObject() : new JsonObject { ["id"] = $"arn:aws:iam::123456789012:policy/p{i}" };
                    if (kind < kinds.Length)
                    {
                        item["kind"] = kinds[kind];
                    }

                    item["document"] = Document(policy, asText: shape == 3);
                    return item;
                }
            }

            if (c.UnusedPermissions.Count > 0 || c.FindingDetails.Count == 0)
            {
                request["unusedPermissions"] = c.UnusedPermissions.DeepClone();
            }

            if (c.FindingDetails.Count > 0 && findingShape == 0)
            {
                request["findingDetails"] = c.FindingDetails.DeepClone();
            }
            else if (c.FindingDetails.Count > 0)
            {
                request["finding"] = Finding(c.FindingDetails, findingShape);
            }

            var options = new JsonObject();
            if (wildcards > 0)
            {
                options["wildcards"] = wildcards switch { 1 => "prefix", 2 => "none", _ => "compact" };
            }

            if (explain > 0)
            {
                options["explain"] = explain == 1;
            }

            // compact on or off, fit warn, split, notAction or left out, in every combination.
            if (fitting % 3 > 0)
            {
                options["compact"] = fitting % 3 == 1;
            }

            if (fitting / 3 > 0)
            {
                options["fit"] = (fitting / 3) switch { 1 => "warn", 2 => "split", _ => "notAction" };
            }

            if (options.Count > 0)
            {
                request["options"] = options;
            }

            return c.WithActivityAndFilters(request);
        });

    // A GetFindingV2 answer around the details, as the CLI (ISO 8601), boto3 (epoch seconds) or json.dumps(default=str) print it.
    private static JsonObject Finding(JsonArray details, int form)
    {
        JsonNode Timestamp(int day) => form switch
        {
            1 => JsonValue.Create($"2024-06-{day:00}T13:45:00+00:00")!,
            2 => JsonValue.Create(1717000000 + (day * 86400.5))!,
            _ => JsonValue.Create($"2024-06-{day:00} 13:45:00.123456+00:00")!,
        };

        var withDates = details.DeepClone().AsArray();
        foreach (var detail in withDates.Select(d => d?["unusedPermissionDetails"]).OfType<JsonObject>())
        {
            detail["lastAccessed"] = Timestamp(3);
        }

        return new JsonObject
        {
            ["analyzedAt"] = Timestamp(10),
            ["createdAt"] = Timestamp(1),
            ["id"] = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            ["resource"] = "arn:aws:iam::123456789012:role/my-role",
            ["resourceType"] = "AWS::IAM::Role",
            ["resourceOwnerAccount"] = "123456789012",
            ["status"] = "ACTIVE",
            ["updatedAt"] = Timestamp(10),
            ["findingDetails"] = withDates,
            ["findingType"] = "UnusedPermission",
            ["aMemberAwsAddsLater"] = new JsonObject { ["x"] = 1 },
        };
    }

    [Fact]
    public void EveryRecommendationAllowsExactlyWhatWasAllowedAndIsNotUnused() =>
        PropertyRun.Check(Request, Check, request => request.ToJsonString(), iterations: 150);

    private void Check(JsonObject request)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = client.PostAsync("/v1/recommendations", content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var answer = HttpClientExtensions.ReadAnswer<RecommendationResponse>(text);

        var unused = UnusedActions.FromRequest(OracleCatalog.Shipped, request);
        var newWildcards = request["options"]?["wildcards"]?.GetValue<string>() != "none";
        var explain = request["options"]?["explain"]?.GetValue<bool>() == true;
        var compact = request["options"]?["compact"]?.GetValue<bool>() == true;
        var splitLeads = request["options"]?["fit"]?.GetValue<string>() == "split";
        var documents = request["policy"] is { } single ? [single] : request["policies"]!.AsArray().Select(p => p!["document"]!).ToList();
        var ids = request["policy"] is not null
            ? [request["policyId"]?.GetValue<string>() ?? "unnamed-policy-1"]
            : request["policies"]!.AsArray().Select((p, i) => p!["id"]?.GetValue<string>() ?? $"unnamed-policy-{i + 1}").ToList();
        var recommendations = answer.Recommendations;
        Assert.Equal(documents.Count, recommendations.Count);

        var failures = new List<string>();
        var steps = new List<(RecommendedRemediationAction Action, string? Policy, string Id)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var recommendation = recommendations[i];
            var original = documents[i] is JsonValue json ? JsonNode.Parse(Uri.UnescapeDataString(json.GetValue<string>()))! : documents[i];
            var judged = OracleAnswers.Of(recommendation);
            failures.AddRange(RecommendationOracle.Shipped.Judge(original, unused, judged, newWildcards, compact, request["options"]?["wildcards"]?.GetValue<string>() == "compact", request["options"]?["fit"]?.GetValue<string>() == "notAction").Select(f => $"policy {i}: {f}"));

            // Over the limit, a split allowing exactly the same, each part within the limit; within it, none.
            var size = recommendation.Size;
            if (size.WithinLimit != (recommendation.Split is null))
            {
                failures.Add($"policy {i}: {size.Characters} of {size.Limit} characters, but a split is {(recommendation.Split is null ? "missing" : "given")}");
            }

            var parts = recommendation.Split?.Select(p => JsonNode.Parse(p.Document.ToCompactJson())!).ToList();
            if (parts is not null)
            {
                var skipped = request["options"]?["skipStatements"]?.AsArray().Select(s => s!.GetValue<string>()).ToList();
                failures.AddRange(SplitOracle.Shipped.Judge(judged.RecommendedPolicy!, parts, size.Limit, skipped).Select(f => $"policy {i}: {f}"));
            }

            // With one input, every removed action is that input's: the counts of removals per input add up.
            var inputs = new[]
            {
                ("findings", request["unusedPermissions"] is JsonArray { Count: > 0 } || request["findingDetails"] is not null || request["finding"] is not null),
                ("lastAccessedDetails", request["lastAccessedDetails"] is not null),
                ("usedActions", request["usedActions"] is not null),
            }.Where(i => i.Item2).Select(i => i.Item1).ToList();
            var removed = recommendation.Summary.AllowedActionsBefore - recommendation.Summary.AllowedActionsAfter;
            if (inputs.Count == 1 && recommendation.UnusedActions.RemovedBy[inputs[0]] != removed)
            {
                failures.Add($"policy {i}: unusedActions.removedBy.{inputs[0]} is {recommendation.UnusedActions.RemovedBy[inputs[0]]}, the documents differ by {removed}");
            }

            // What to do follows from the document, and Access Analyzer's steps say the same.
            var recommended = judged.RecommendedPolicy;
            var action = recommendation.RecommendedAction;
            var expected = recommended is null ? RecommendedAction.DetachPolicy : JsonNode.DeepEquals(recommended, original) ? RecommendedAction.None : RecommendedAction.CreatePolicy;
            if (action != expected)
            {
                failures.Add($"policy {i}: recommendedAction {action}, the document says {expected}");
            }

            if (action == RecommendedAction.CreatePolicy)
            {
                steps.AddRange(splitLeads && parts is not null
                    ? parts.Select(p => (RecommendedRemediationAction.CreatePolicy, (string?)p.ToJsonString(), ids[i]))
                    : [(RecommendedRemediationAction.CreatePolicy, recommended!.ToJsonString(), ids[i])]);
            }

            if (action != RecommendedAction.None)
            {
                steps.Add((RecommendedRemediationAction.DetachPolicy, null, ids[i]));
            }

            // With explain, each trie that chose prefixes is shown; without, none.
            foreach (var replaced in recommendation.Changes.SelectMany(c => c.Replaced))
            {
                var shown = replaced.Trie is { } trie && trie.StartsWith("flowchart", StringComparison.Ordinal);
                if (shown != (explain && newWildcards))
                {
                    failures.Add($"policy {i}: the trie of {replaced.Entry} is {(shown ? "shown" : "not shown")}");
                }

                // The trie as data draws the same tree (a root per service): every parent before its children and a prefix of them, every
                // replacement written by one of its nodes, one node per line of the flowchart.
                if ((replaced.TrieNodes is not null) != shown)
                {
                    failures.Add($"policy {i}: the trie nodes of {replaced.Entry} are {(shown ? "missing" : "given without the trie")}");
                }
                else if (replaced.TrieNodes is { } nodes)
                {
                    var tree = nodes.Select((node, index) => node.Parent is not { } parent
                        || (parent < index && node.Prefix.StartsWith(nodes[parent].Prefix, StringComparison.OrdinalIgnoreCase))).All(ok => ok);
                    // In compact mode a node shows the patterns the statement's cover wrote for its actions, one or more.
                    var emitted = nodes.Where(n => n.Emitted is not null).SelectMany(n => n.Emitted!.Split(", ")).ToHashSet(StringComparer.Ordinal);
                    var drawn = replaced.Trie!.Split('\n').Count(line => line.Contains("]:::", StringComparison.Ordinal));
                    if (!tree || !replaced.With.All(emitted.Contains) || drawn != nodes.Count)
                    {
                        failures.Add($"policy {i}: the trie nodes of {replaced.Entry} are not the tree its flowchart draws");
                    }
                }
            }
        }

        // Access Analyzer's steps follow the recommendations, each naming its policy, in both places the answer gives them.
        var given = answer.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep).ToList();
        if (given.Count != steps.Count || !given.Zip(steps).All(p => p.First.RecommendedAction == p.Second.Action && p.First.ExistingPolicyId == p.Second.Id
            && (p.Second.Policy is null ? p.First.RecommendedPolicy is null : JsonNode.DeepEquals(JsonNode.Parse(p.First.RecommendedPolicy!), JsonNode.Parse(p.Second.Policy)))))
        {
            failures.Add($"recommendedSteps [{string.Join(", ", given.Select(g => $"{g.RecommendedAction} {g.ExistingPolicyId}"))}] do not follow the recommendations [{string.Join(", ", steps.Select(s => $"{s.Action} {s.Id}"))}]");
        }

        var resource = request["finding"]?["resource"]?.GetValue<string>();
        var repeated = answer.FindingRecommendation is { Status: RecommendationStatus.Succeeded } found
            && found.ResourceArn == resource && found.RecommendedSteps.SequenceEqual(answer.RecommendedSteps);
        if (resource is null ? answer.FindingRecommendation is not null : !repeated)
        {
            failures.Add($"findingRecommendation does not repeat the steps for {resource ?? "no principal"}");
        }

        // Every GetFindingRecommendation shape the answer gives keeps AWS's published model.
        var wire = JsonNode.Parse(text)!;
        failures.AddRange(AccessAnalyzerModel.Shipped.Violations(wire["recommendedSteps"], "RecommendedStepList").Select(v => $"recommendedSteps: {v}"));
        if (wire["findingRecommendation"] is { } findingRecommendation)
        {
            failures.AddRange(AccessAnalyzerModel.Shipped.Violations(findingRecommendation, "GetFindingRecommendationResponse").Select(v => $"findingRecommendation: {v}"));
        }

        // The one member the generated finding adds that this service does not read is counted, and nothing else is.
        var unknownMembers = answer.Warnings.Where(w => w.Code == "UnknownMembers").Select(w => w.Path).ToList();
        if (!unknownMembers.SequenceEqual(request["finding"] is null ? [] : ["$.finding.aMemberAwsAddsLater"]))
        {
            failures.Add($"unknown members reported at [{string.Join(", ", unknownMembers)}]");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Select(f => f.Length > 600 ? f[..600] + " ..." : f)));
    }

    // A keep pattern with a wildcard service ("*:Describe*") is compared with the whole catalog too.
    private static int WholeCatalogKeeps(PolicyCase c) =>
        c.Filters["keep"]?.AsArray().Count(k => k!.GetValue<string>().StartsWith('*')) ?? 0;

    // Entries that match across the whole catalog count against the request's examined-actions limit once each, an Allow
    // statement's NotAction three times (ExaminedActions.NotActionPasses); two policies are sent together only while they fit.
    private static int WholeCatalogPasses(JsonObject policy)
    {
        var statements = Policy.Read(policy).Statements.OfType<PolicyStatement>().ToList();
        return statements.SelectMany(s => s.Entries).Count(e => e.StartsWith('*')) + (3 * statements.Count(s => s.IsAllow && s.IsNotAction));
    }
}
