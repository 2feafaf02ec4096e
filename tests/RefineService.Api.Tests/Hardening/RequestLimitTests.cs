using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests.Hardening;

/// <summary>Each limit of what one request may carry is a 400 problem naming the field at fault; just inside it, the request is served.</summary>
public class RequestLimitTests(ApiFactory factory)
{
    private const string Expand = "/v1/actions/expand";

    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject WithStatements(IEnumerable<JsonNode> statements) => new()
    {
        ["policy"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) },
        ["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetObject") }),
    };

    private static JsonObject Statement(string action) => new() { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = "*" };

    /// <summary>A valid request whose whole body nests <paramref name="depth"/> levels deep, in a statement's Condition.</summary>
    private static string NestedTo(int depth)
    {
        // The body, the policy, its Statement array and the statement are four levels; arrays in Condition make the rest.
        var condition = new string('[', depth - 4) + new string(']', depth - 4);
        return $$"""{ "policy": { "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {{condition}} } ] }, "unusedPermissions": [ { "serviceNamespace": "s3", "actions": ["GetObject"] } ] }""";
    }

    private static string Pattern(int length) => "ec2:" + string.Concat(Enumerable.Repeat("*D?", length))[..(length - 4)];

    private static async Task<Dictionary<string, string[]>> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadErrorsAsync();
    }

    [Fact]
    public async Task ABodyNestedSixtyFourLevelsDeepIsServedWithItsRecommendedPolicyInFull()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, NestedTo(64).Replace("\"Action\": \"s3:GetObject\"", "\"Action\": [\"s3:GetObject\", \"s3:PutObject\"]", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recommended = (await DeepJsonAsync(response))["recommendations"]![0]!["recommendedPolicy"]!;
        Assert.Equal(60, Depth(recommended["Statement"]![0]!["Condition"]!));
    }

    [Fact]
    public async Task ADocumentStringNestedSixtyFourLevelsDeepIsServedWithItsRecommendedPolicyInFull()
    {
        var document = $$"""{ "Statement": { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Condition": {{new string('[', 62) + new string(']', 62)}} } }""";
        var request = new JsonObject
        {
            ["policy"] = document,
            ["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetObject") }),
        };

        using var response = await _client.PostJsonAsync(Recommendations, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recommended = (await DeepJsonAsync(response))["recommendations"]![0]!["recommendedPolicy"]!;
        Assert.Equal(62, Depth(recommended["Statement"]!["Condition"]!));
    }

    // The answer nests the policy deeper than the request did, deeper than a reader allows by default and deeper than the
    // service's own reader takes a document there; so the depth the wire carries is checked on untyped JSON.
    private static async Task<JsonNode> DeepJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), documentOptions: new JsonDocumentOptions { MaxDepth = 128 })!;

    private static int Depth(JsonNode node) => node is JsonArray { Count: > 0 } array ? 1 + Depth(array[0]!) : 1;

    [Fact]
    public async Task ABodyNestedDeeperThanSixtyFourLevelsIsRefusedAtTheFirstLevelTooDeep()
    {
        using var response = await _client.PostJsonTextAsync(Recommendations, NestedTo(65));

        var (key, messages) = Assert.Single(await RefusedAsync(response));
        Assert.Equal("$.policy.Statement[0].Condition" + string.Concat(Enumerable.Repeat("[0]", 60)), key);
        Assert.Equal("Objects and arrays nest deeper than 64 levels, the most this service reads.", Assert.Single(messages));
    }

    [Fact]
    public async Task ADocumentStringNestedDeeperThanSixtyFourLevelsIsRefusedAtItsPath()
    {
        var document = $$"""{ "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Condition": {{new string('[', 63) + new string(']', 63)}} } }""";
        var request = new JsonObject
        {
            ["policy"] = document,
            ["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "s3" }),
        };

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var (key, messages) = Assert.Single(await RefusedAsync(response));
        Assert.Equal("$.policy", key);
        Assert.Equal("Objects and arrays nest deeper than 64 levels, the most this service reads (at $.Statement.Condition" + string.Concat(Enumerable.Repeat("[0]", 62)) + " of the document the string holds).", Assert.Single(messages));
    }

    [Fact]
    public async Task AThousandStatementsInADocumentAreServed()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithStatements(Enumerable.Range(0, 1000).Select(_ => Statement("s3:GetObject"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MoreThanAThousandStatementsInADocumentAreRefusedAtItsStatement()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithStatements(Enumerable.Range(0, 1001).Select(_ => Statement("s3:GetObject"))));

        var errors = await RefusedAsync(response);
        Assert.Equal(["$.policy.Statement"], errors.Keys);
        Assert.Equal("A document may hold at most 1,000 statements; this one has 1,001.", Assert.Single(errors["$.policy.Statement"]));
    }

    [Fact]
    public async Task AnActionPatternOfAThousandCharactersIsServed()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithStatements([Statement(Pattern(1000))]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnActionPatternLongerThanAThousandCharactersIsRefusedAtItsPathQuotingOnlyItsStart()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithStatements([Statement("s3:GetObject"), Statement(Pattern(1001))]));

        var errors = await RefusedAsync(response);
        var message = Assert.Single(errors["$.policy.Statement[1].Action"]);
        Assert.StartsWith("An action pattern may hold at most 1,000 characters; this one has 1,001", message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, message);
    }

    [Fact]
    public async Task AnUnusedActionNameLongerThanAThousandCharactersIsRefusedAtItsPath()
    {
        var request = WithStatements([Statement("s3:GetObject")]);
        request["unusedPermissions"]![0]!["actions"] = new JsonArray("GetObject", new string('?', 1001));

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var errors = await RefusedAsync(response);
        Assert.StartsWith("An action pattern may hold at most 1,000 characters", Assert.Single(errors["$.unusedPermissions[0].actions[1]"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpandPatternLongerThanAThousandCharactersIsRefusedAtItsPath()
    {
        var request = new JsonObject { ["patterns"] = new JsonArray("s3:Get*", Pattern(1001)) };

        using var response = await _client.PostJsonAsync(Expand, request);

        var errors = await RefusedAsync(response);
        Assert.Equal(["$.patterns[1]"], errors.Keys);
    }

    [Fact]
    public async Task TwentyThousandUnusedActionsAreServed()
    {
        var request = WithStatements([Statement("s3:GetObject")]);
        request["unusedPermissions"]![0]!["actions"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(_ => (JsonNode)"GetObject")]);

        using var response = await _client.PostJsonAsync(Recommendations, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MoreThanTwentyThousandUnusedActionsOverBothShapesAreRefusedAtTheRoot()
    {
        var request = WithStatements([Statement("s3:GetObject")]);
        request["unusedPermissions"]![0]!["actions"] = new JsonArray([.. Enumerable.Range(0, 15_000).Select(_ => (JsonNode)"GetObject")]);
        request["findingDetails"] = new JsonArray(new JsonObject
        {
            ["unusedPermissionDetails"] = new JsonObject
            {
                ["serviceNamespace"] = "s3",
                ["actions"] = new JsonArray([.. Enumerable.Range(0, 5_001).Select(_ => new JsonObject { ["action"] = "GetObject" })]),
            },
        });

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var errors = await RefusedAsync(response);
        Assert.Equal("At most 20,000 unused actions can be read in one request; this one lists 20,001.", Assert.Single(errors["$"]));
    }

    [Fact]
    public async Task SixStarStatementsOneForEachResourceAreServed()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithStatements(Enumerable.Range(0, 6).Select(_ => Statement("*"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PatternsThatWouldHaveTheServiceExamineMoreThanTwoHundredThousandActionsAreRefusedSayingHowTheyCount()
    {
        var request = WithStatements(Enumerable.Range(0, 9).Select(_ => Statement("*")));
        request["policy"]!["Statement"]!.AsArray().Add(new JsonObject { ["Effect"] = "Allow", ["NotAction"] = "iam:*", ["Resource"] = "*" });

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var errors = await RefusedAsync(response);
        var message = Assert.Single(errors["$"]);
        Assert.StartsWith("The patterns of this request would have the service examine 265,283 catalog actions; one request may examine at most 200,000.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DenyStatementsAreNotRewrittenSoTheirPatternsDoNotCount()
    {
        var statements = Enumerable.Range(0, 10).Select(_ => new JsonObject { ["Effect"] = "Deny", ["Action"] = "*", ["Resource"] = "*" });

        using var response = await _client.PostJsonAsync(Recommendations, WithStatements([Statement("s3:Get*"), .. statements]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WildcardUnusedActionsCountTheActionsOfTheirService()
    {
        var request = WithStatements([Statement("s3:Get*")]);
        request["unusedPermissions"] = new JsonArray([.. Enumerable.Range(0, 243).Select(_ => new JsonObject { ["serviceNamespace"] = "ec2", ["actions"] = new JsonArray("*Vpc?") })]);

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var errors = await RefusedAsync(response);
        Assert.Contains("examine 200,", Assert.Single(errors["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongWildcardPatternCountsTheActionsOfItsServiceOnceForEverySixtyFourCharacters()
    {
        // 1,000 characters are 16 passes over the 826 actions of ec2: fifteen such patterns are 198,240, sixteen 211,456.
        using var fifteen = await _client.PostJsonAsync(Recommendations, WithStatements([.. Enumerable.Range(0, 15).Select(_ => Statement(Pattern(1000)))]));
        using var sixteen = await _client.PostJsonAsync(Recommendations, WithStatements([.. Enumerable.Range(0, 16).Select(_ => Statement(Pattern(1000)))]));

        Assert.Equal(HttpStatusCode.OK, fifteen.StatusCode);
        Assert.StartsWith("The patterns of this request would have the service examine 211,457 catalog actions", Assert.Single((await RefusedAsync(sixteen))["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpandingPatternsThatMatchTheWholeCatalogMoreThanFourTimesIsRefused()
    {
        using var fourTimes = await _client.PostJsonTextAsync(Expand, """{ "patterns": ["*", "*", "*", "*"] }""");
        using var fiveTimes = await _client.PostJsonTextAsync(Expand, """{ "patterns": ["*", "*", "*", "*", "*"] }""");

        Assert.Equal(HttpStatusCode.OK, fourTimes.StatusCode);
        Assert.StartsWith("The patterns of this request would have the service examine 110,455", Assert.Single((await RefusedAsync(fiveTimes))["$"]), StringComparison.Ordinal);
    }
}
