using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Accounts;
using RefineService.Api.Tests.Fixtures;
using RefineService.Oracle;

namespace RefineService.Api.Tests.Properties;

/// <summary>
/// Whole accounts, random: roles and users with inline policies, customer-managed policies attached to some of them,
/// a group with its own policies, findings whose unused actions are drawn from what each principal is allowed, and
/// sometimes activity data (used actions, IAM's last accessed report) for a principal, with or without its finding, and
/// filters (age threshold, keep list, access levels, statements skipped) for them all.
/// Whichever recommendation a campaign applies, a principal's own or a shared one, no principal loses an action it used,
/// and each is exact (judged by the oracle over the whole catalog).
/// </summary>
public sealed class AccountPropertyTests(ApiFactory factory)
{
    private const string Account = "123456789012";
    private static readonly OracleCatalog Catalog = OracleCatalog.Shipped;

    private static readonly Gen<JsonObject> Request =
        Gen.Select(Cases.ApiPolicy.Array[6, 6], Cases.ApiPolicy.Array[1, 3], Gen.Int[2, 4], Gen.Int[1, 2], Gen.UInt, (inline, managed, roleCount, userCount, seed) =>
        {
            var random = new Random((int)seed);
            var policies = new JsonArray([.. managed.Select((document, i) => (JsonNode)new JsonObject
            {
                ["PolicyName"] = $"Managed{i}",
                ["Arn"] = $"arn:aws:iam::{Account}:policy/Managed{i}",
                ["UpdateDate"] = "2024-03-01T10:00:00Z",
                ["PolicyVersionList"] = new JsonArray(new JsonObject { ["Document"] = Uri.EscapeDataString(document.ToJsonString()), ["VersionId"] = "v1", ["IsDefaultVersion"] = true }),
            })]);
            JsonArray Attached() => new([.. Enumerable.Range(0, managed.Length).Where(_ => random.Next(2) == 0)
                .Select(i => (JsonNode)new JsonObject { ["PolicyName"] = $"Managed{i}", ["PolicyArn"] = $"arn:aws:iam::{Account}:policy/Managed{i}" })]);

            var roles = new JsonArray([.. Enumerable.Range(0, roleCount).Select(r => (JsonNode)new JsonObject
            {
                ["RoleName"] = $"role{r}",
                ["Arn"] = $"arn:aws:iam::{Account}:role/role{r}",
                ["RolePolicyList"] = new JsonArray(new JsonObject { ["PolicyName"] = $"Inline{r}", ["PolicyDocument"] = inline[r].DeepClone() }),
                ["AttachedManagedPolicies"] = Attached(),
            })]);
            var users = new JsonArray([.. Enumerable.Range(0, userCount).Select(u => (JsonNode)new JsonObject
            {
                ["UserName"] = $"user{u}",
                ["Arn"] = $"arn:aws:iam::{Account}:user/user{u}",
                ["UserPolicyList"] = new JsonArray(new JsonObject { ["PolicyName"] = $"UserInline{u}", ["PolicyDocument"] = inline[4 + u].DeepClone() }),
                ["GroupList"] = new JsonArray("team"),
                ["AttachedManagedPolicies"] = Attached(),
            })]);
            var groups = new JsonArray(new JsonObject
            {
                ["GroupName"] = "team",
                ["Arn"] = $"arn:aws:iam::{Account}:group/team",
                ["GroupPolicyList"] = new JsonArray(new JsonObject { ["PolicyName"] = "TeamInline", ["PolicyDocument"] = inline[5 - userCount + 1].DeepClone() }),
                ["AttachedManagedPolicies"] = Attached(),
            });
            var details = new JsonObject { ["UserDetailList"] = users, ["GroupDetailList"] = groups, ["RoleDetailList"] = roles, ["Policies"] = policies, ["IsTruncated"] = false };

            // Each principal's unused actions: about a third of what its policies allow, some of its services wholly.
            var findings = new JsonArray();
            var activity = new JsonArray();
            var statements = new JsonArray();
            var allowedByAny = new bool[Catalog.Count];
            foreach (var principal in roles.Concat(users))
            {
                var arn = principal!["Arn"]!.GetValue<string>();
                var allowed = new bool[Catalog.Count];
                foreach (var document in AllDocuments(details, arn))
                {
                    var each = Policy.Read(document).Allowed(Catalog);
                    for (var i = 0; i < allowed.Length; i++)
                    {
                        allowed[i] |= each[i];
                        allowedByAny[i] |= each[i];
                    }
                }

                // A few services each, as a finding lists them: a policy allowing "*" would otherwise make a finding of the whole catalog.
                var items = new JsonArray();
                var services = Enumerable.Range(0, Catalog.Count).Where(i => allowed[i]).Select(i => Catalog.Spelled[i].Split(':')[0]).Distinct()
                    .OrderBy(_ => random.Next()).Take(5).ToHashSet(StringComparer.Ordinal);
                foreach (var service in Enumerable.Range(0, Catalog.Count)
                    .Where(i => allowed[i] && random.Next(3) == 0 && services.Contains(Catalog.Spelled[i].Split(':')[0])).GroupBy(i => Catalog.Spelled[i].Split(':')[0]))
                {
                    var actions = random.Next(8) == 0 ? null : new JsonArray([.. service.Select(i => (JsonNode)new JsonObject { ["action"] = Catalog.Spelled[i].Split(':')[1] })]);
                    var unused = new JsonObject { ["serviceNamespace"] = service.Key };
                    if (actions is not null)
                    {
                        unused["actions"] = actions;
                    }

                    items.Add(new JsonObject { ["unusedPermissionDetails"] = unused });
                }

                // Sometimes activity data too, and sometimes that alone, as for a principal whose account runs no unused-access analyzer.
                var data = Cases.Activity(allowed, [.. services], random);
                if (data.Count > 0)
                {
                    data["principalArn"] = arn;
                    activity.Add(data);
                }

                if (data.Count == 0 || random.Next(3) != 0)
                {
                    findings.Add(new JsonObject { ["id"] = $"finding-{findings.Count}", ["resource"] = arn, ["findingType"] = "UnusedPermission", ["status"] = "ACTIVE", ["findingDetails"] = items });
                }

                foreach (var document in AllDocuments(details, arn))
                {
                    foreach (var statement in document["Statement"] is JsonArray list ? list : new JsonArray(document["Statement"]?.DeepClone()))
                    {
                        statements.Add(statement?.DeepClone());
                    }
                }
            }

            var options = Cases.Filters(new JsonObject { ["Statement"] = statements }, allowedByAny, random);
            options["details"] = true;
            var request = new JsonObject { ["authorizationDetails"] = details, ["findings"] = findings, ["options"] = options };
            if (activity.Count > 0)
            {
                request["activity"] = activity;
            }

            return request;
        });

    [Fact]
    public void NoPrincipalEverLosesAnActionItUsedWhicheverRecommendationIsApplied() =>
        PropertyRun.Check(Request, Check, request => request.ToJsonString(), iterations: 15);

    private void Check(JsonObject request)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = client.PostAsync(AccountRecommendationsTests.Accounts, content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var answer = HttpClientExtensions.ReadAnswer<AccountRecommendationResponse>(text);
        var details = request["authorizationDetails"]!;
        var unusedBy = answer.Principals.Select(p => p.PrincipalArn!).ToDictionary(arn => arn, arn => UnusedActions.FromRequest(Catalog, AccountRecommendationsTests.SingleRequest(request, arn)));
        var failures = new List<string>();

        // A principal's own policies: each recommendation keeps exactly what the principal used.
        foreach (var principal in answer.Principals)
        {
            if (principal.FindingRecommendation.Status != RecommendationStatus.Succeeded)
            {
                Assert.Equal("TooMuchWork", principal.FindingRecommendation.Error!.Code);
                continue;
            }

            var arn = principal.PrincipalArn!;
            var own = AccountRecommendationsTests.OwnPolicies(details, arn);
            for (var i = 0; i < own.Count; i++)
            {
                var original = own[i]["document"] is JsonValue encoded ? JsonNode.Parse(Uri.UnescapeDataString(encoded.GetValue<string>())) : own[i]["document"];
                failures.AddRange(RecommendationOracle.Shipped.Judge(original, unusedBy[arn], OracleAnswers.Of(principal.Recommendations[i]), newWildcards: true)
                    .Select(f => $"{arn} {own[i]["id"]}: {f}"));
            }
        }

        // A shared policy: exact for the intersection, and so it takes from none of its principals an action it used.
        foreach (var shared in answer.SharedPolicies.Where(s => s.Recommendation is not null))
        {
            var original = AccountRecommendationsTests.DocumentOf(details, shared.PolicyId);
            var sets = shared.Principals.Select(p => unusedBy[p]).ToList();
            failures.AddRange(RecommendationOracle.Shipped.Judge(original, UnusedActions.Common(Catalog, sets), OracleAnswers.Of(shared.Recommendation!), newWildcards: true)
                .Select(f => $"shared {shared.PolicyId}: {f}"));

            var before = Policy.Read(original).Allowed(Catalog);
            var after = shared.Recommendation!.RecommendedPolicy is { } recommended ? Policy.Read(JsonNode.Parse(recommended.ToCompactJson())).Allowed(Catalog) : new bool[Catalog.Count];
            foreach (var principal in shared.Principals)
            {
                var lost = Enumerable.Range(0, Catalog.Count).FirstOrDefault(i => before[i] && !after[i] && !unusedBy[principal].Contains(i), -1);
                if (lost >= 0)
                {
                    failures.Add($"shared {shared.PolicyId} takes {Catalog.Spelled[lost]} from {principal}, which used it");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    // Every document that grants the principal permissions: its own, and its groups'.
    private static IEnumerable<JsonNode> AllDocuments(JsonObject details, string arn)
    {
        var own = AccountRecommendationsTests.OwnPolicies(details, arn).Select(p => p["document"]!);
        var principal = details["UserDetailList"]!.AsArray().FirstOrDefault(u => u!["Arn"]!.GetValue<string>() == arn);
        var fromGroups = principal is null ? [] : details["GroupDetailList"]!.AsArray().SelectMany(g =>
            g!["GroupPolicyList"]!.AsArray().Select(p => p!["PolicyDocument"]!)
                .Concat(g["AttachedManagedPolicies"]!.AsArray().Select(a => AccountRecommendationsTests.DocumentOf(details, a!["PolicyArn"]!.GetValue<string>()))));
        return own.Concat(fromGroups).Select(d => d is JsonValue encoded ? JsonNode.Parse(Uri.UnescapeDataString(encoded.GetValue<string>()))! : d);
    }
}
