using System.Net;
using System.Text.Json.Nodes;
using RefineService.Api.Tests.Fixtures;
using static RefineService.Api.Tests.Fixtures.HttpClientExtensions;

namespace RefineService.Api.Tests;

public class RecommendationValidationTests(ApiFactory factory)
{
    private const string ValidStatement = """{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }""";

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>A valid request whose single policy document is <paramref name="document"/>.</summary>
    private static JsonObject WithPolicy(string document) => new()
    {
        ["policy"] = JsonNode.Parse(document),
        ["unusedPermissions"] = new JsonArray(new JsonObject { ["serviceNamespace"] = "s3", ["actions"] = new JsonArray("GetObject") }),
    };

    private static JsonObject WithStatement(string statement) =>
        WithPolicy($$"""{ "Version": "2012-10-17", "Statement": [{{ValidStatement}}, {{statement}}] }""");

    /// <summary>Posts <paramref name="request"/> and returns the one message under <paramref name="key"/> of the 400 validation problem.</summary>
    private async Task<string> ErrorAtAsync(JsonNode request, string key)
    {
        using var response = await _client.PostJsonAsync(Recommendations, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ReadErrorsAsync();
        Assert.True(errors.ContainsKey(key), $"No error at {key}; errors at: {string.Join(", ", errors.Keys)}");
        return Assert.Single(errors[key]);
    }

    [Fact]
    public async Task ARequestWithNeitherPolicyNorPoliciesIsRefusedAtTheRoot()
    {
        var request = WithPolicy("{}");
        request.Remove("policy");

        Assert.Contains("'policy'", await ErrorAtAsync(request, "$"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestWithBothPolicyAndPoliciesIsRefusedAtTheRoot()
    {
        var request = WithStatement(ValidStatement);
        request["policies"] = new JsonArray(new JsonObject { ["document"] = request["policy"]!.DeepClone() });

        Assert.Equal("Give either 'policy' or 'policies', not both.", await ErrorAtAsync(request, "$"));
    }

    [Fact]
    public async Task ARequestWithoutUnusedActionsIsRefusedAtTheRoot()
    {
        var request = WithStatement(ValidStatement);
        request.Remove("unusedPermissions");

        var message = await ErrorAtAsync(request, "$");
        Assert.Contains("'finding', its 'findingDetails', 'unusedPermissions'", message, StringComparison.Ordinal);
        Assert.Contains("'lastAccessedDetails'", message, StringComparison.Ordinal);
        Assert.Contains("'usedActions'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreThanAHundredPoliciesAreRefused()
    {
        var request = WithStatement(ValidStatement);
        var document = request["policy"]!;
        request.Remove("policy");
        request["policies"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => new JsonObject { ["document"] = document.DeepClone() })]);

        Assert.Contains("At most 100 policies", await ErrorAtAsync(request, "$.policies"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyPoliciesListIsRefused()
    {
        var request = WithStatement(ValidStatement);
        request.Remove("policy");
        request["policies"] = new JsonArray();

        Assert.Contains("at least one", await ErrorAtAsync(request, "$.policies"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APolicyWithoutItsDocumentIsRefused()
    {
        var request = WithStatement(ValidStatement);
        request.Remove("policy");
        request["policies"] = new JsonArray(new JsonObject { ["id"] = "p" });

        Assert.Equal("Each policy needs its 'document'.", await ErrorAtAsync(request, "$.policies[0].document"));
    }

    [Fact]
    public async Task ADocumentThatIsNotAnObjectIsRefusedAtItsPath()
    {
        var request = WithStatement(ValidStatement);
        request["policy"] = new JsonArray();

        Assert.Contains("must be a JSON object", await ErrorAtAsync(request, "$.policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADocumentStringThatDoesNotParseIsRefusedWithLineAndPosition()
    {
        var request = WithStatement(ValidStatement);
        request.Remove("policy");
        request["policies"] = new JsonArray(new JsonObject { ["document"] = "{\n  \"Statement\": [,]\n}" });

        var message = await ErrorAtAsync(request, "$.policies[0].document");

        Assert.StartsWith("The string does not hold valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("(line 2, position 17)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADocumentStringHoldingSomethingElseThanAnObjectIsRefused()
    {
        var request = WithStatement(ValidStatement);
        request["policy"] = "[1, 2]";

        Assert.Contains("an array rather than a policy document", await ErrorAtAsync(request, "$.policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorsInsideADocumentStringArePathedAsIfItWereAnObject()
    {
        var request = WithStatement(ValidStatement);
        request["policy"] = """{ "Statement": [{ "Effect": "Permit", "Action": "s3:GetObject" }] }""";

        Assert.Contains("\"Allow\" or \"Deny\"", await ErrorAtAsync(request, "$.policy.Statement[0].Effect"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADocumentWithoutStatementIsRefused()
    {
        Assert.Contains("needs a 'Statement'", await ErrorAtAsync(WithPolicy("""{ "Version": "2012-10-17" }"""), "$.policy.Statement"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyStatementListIsRefused()
    {
        Assert.Contains("at least one statement", await ErrorAtAsync(WithPolicy("""{ "Statement": [] }"""), "$.policy.Statement"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatementThatIsNotAnObjectIsRefused()
    {
        Assert.Contains("must be a JSON object", await ErrorAtAsync(WithStatement("\"Allow\""), "$.policy.Statement[1]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Action": "s3:GetObject" }""")]
    [InlineData("""{ "Effect": "allow", "Action": "s3:GetObject" }""")]
    [InlineData("""{ "Effect": true, "Action": "s3:GetObject" }""")]
    public async Task AnEffectOtherThanAllowOrDenyIsRefused(string statement)
    {
        Assert.Equal("'Effect' must be \"Allow\" or \"Deny\".", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].Effect"));
    }

    [Fact]
    public async Task AStatementWithNeitherActionNorNotActionIsRefused()
    {
        Assert.Contains("needs 'Action' or 'NotAction'", await ErrorAtAsync(WithStatement("""{ "Effect": "Allow", "Resource": "*" }"""), "$.policy.Statement[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatementWithBothActionAndNotActionIsRefused()
    {
        var statement = """{ "Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject" }""";

        Assert.Contains("not both", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionThatIsNotAStringIsRefusedAtItsIndex()
    {
        var statement = """{ "Effect": "Allow", "Action": ["s3:GetObject", 42] }""";

        Assert.Contains("must be a string", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].Action[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyActionIsRefused()
    {
        var statement = """{ "Effect": "Deny", "NotAction": "" }""";

        Assert.Contains("must not be empty", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].NotAction"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("s3:")]
    [InlineData(":GetObject")]
    [InlineData("s3:Get Object")]
    [InlineData("s3:GetObject:x")]
    [InlineData("S 3:GetObject")]
    public async Task AnActionThatIsNotServiceColonActionIsRefused(string action)
    {
        var statement = $$"""{ "Effect": "Allow", "Action": ["s3:GetObject", "{{action}}"] }""";

        Assert.Contains("is not an action", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].Action[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionValueThatIsNeitherStringNorArrayIsRefused()
    {
        Assert.Contains("'Action' must be an action", await ErrorAtAsync(WithStatement("""{ "Effect": "Allow", "Action": { } }"""), "$.policy.Statement[1].Action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyActionListIsRefused()
    {
        Assert.Contains("at least one action", await ErrorAtAsync(WithStatement("""{ "Effect": "Allow", "Action": [] }"""), "$.policy.Statement[1].Action"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2012-10-18\"")]
    [InlineData("\"\"")]
    [InlineData("2012")]
    public async Task AVersionOtherThanTheTwoIamKnowsIsRefused(string version)
    {
        var request = WithPolicy($$"""{ "Version": {{version}}, "Statement": [{{ValidStatement}}] }""");

        Assert.Contains("\"2012-10-17\"", await ErrorAtAsync(request, "$.policy.Version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOlderVersionIsAccepted()
    {
        using var response = await _client.PostJsonAsync(Recommendations, WithPolicy($$"""{ "Version": "2008-10-17", "Statement": [{{ValidStatement}}] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\\u0001")]
    [InlineData("\\u20AC")]
    [InlineData("\\uD83D\\uDE00")]
    public async Task CharactersIamDoesNotAllowAreRefusedWhereverTheyAre(string character)
    {
        var statement = $$"""{ "Sid": "Read{{character}}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }""";

        Assert.Contains("which IAM does not allow", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].Sid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CharactersIamDoesNotAllowInAKeyAreRefusedAtThatKey()
    {
        var statement = """{ "Effect": "Allow", "Action": "s3:GetObject", "Condition": { "StringEquals": { "aws:Tag\u0007": "x" } } }""";

        Assert.Contains("which IAM does not allow", await ErrorAtAsync(WithStatement(statement), "$.policy.Statement[1].Condition.StringEquals['aws:Tag\a']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatinOneCharactersAreAllowed()
    {
        var statement = """{ "Sid": "Lecture", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::café-ñ" }""";

        using var response = await _client.PostJsonAsync(Recommendations, WithStatement(statement));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("S3")]
    [InlineData("s3 ")]
    [InlineData("")]
    [InlineData("s_3")]
    public async Task AServiceNamespaceThatIsNotLowerCaseLettersDigitsAndHyphensIsRefused(string prefix)
    {
        var request = WithStatement(ValidStatement);
        request["unusedPermissions"]!.AsArray().Add(new JsonObject { ["serviceNamespace"] = prefix });

        Assert.Contains("lower-case letters, digits and hyphens", await ErrorAtAsync(request, "$.unusedPermissions[1].serviceNamespace"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingServiceNamespaceIsRefused()
    {
        var request = WithStatement(ValidStatement);
        request["unusedPermissions"] = new JsonArray(new JsonObject { ["actions"] = new JsonArray("GetObject") });

        Assert.Contains("service prefix", await ErrorAtAsync(request, "$.unusedPermissions[0].serviceNamespace"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFindingDetailsServiceNamespaceIsCheckedToo()
    {
        var request = WithStatement(ValidStatement);
        request.Remove("unusedPermissions");
        request["findingDetails"] = new JsonArray(new JsonObject { ["unusedPermissionDetails"] = new JsonObject { ["serviceNamespace"] = "Amazon S3" } });

        Assert.Contains("service prefix", await ErrorAtAsync(request, "$.findingDetails[0].unusedPermissionDetails.serviceNamespace"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"s3:GetObject\"", "$.unusedPermissions[0].actions[0]", "without its service prefix")]
    [InlineData("\"Get Object\"", "$.unusedPermissions[0].actions[0]", "is not an action name")]
    [InlineData("\"\"", "$.unusedPermissions[0].actions[0]", "needs its name")]
    [InlineData("7", "$.unusedPermissions[0].actions[0]", "is a name such as")]
    [InlineData("{ \"lastAccessed\": null }", "$.unusedPermissions[0].actions[0]", "is a name such as")]
    [InlineData("{ \"action\": \"Get:Object\" }", "$.unusedPermissions[0].actions[0].action", "without its service prefix")]
    public async Task AnUnusedActionThatIsNotAnActionNameIsRefused(string action, string key, string message)
    {
        var request = WithStatement(ValidStatement);
        request["unusedPermissions"] = JsonNode.Parse($$"""[{ "serviceNamespace": "s3", "actions": [{{action}}] }]""");

        Assert.Contains(message, await ErrorAtAsync(request, key), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wildcards", "\"all\"", "is not a wildcards mode")]
    [InlineData("wildcards", "\"Prefix\"", "is not a wildcards mode")]
    [InlineData("explain", "\"yes\"", "does not have the type")]
    [InlineData("fit", "\"shrink\"", "is not a fit mode")]
    [InlineData("compact", "1", "does not have the type")]
    public async Task AnUnknownOptionValueIsRefused(string option, string value, string message)
    {
        var request = WithStatement(ValidStatement);
        request["options"] = JsonNode.Parse($$"""{ "{{option}}": {{value}} }""");

        Assert.Contains(message, await ErrorAtAsync(request, $"$.options.{option}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPolicyKindIsRefused()
    {
        var request = WithStatement(ValidStatement);
        var document = request["policy"]!.DeepClone();
        request.Remove("policy");
        request["policies"] = new JsonArray(new JsonObject { ["kind"] = "inline", ["document"] = document });

        Assert.Contains("is not a policy kind", await ErrorAtAsync(request, "$.policies[0].kind"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policies", "[null]", "$.policies[0]")]
    [InlineData("unusedPermissions", "[null]", "$.unusedPermissions[0]")]
    [InlineData("findingDetails", "[null]", "$.findingDetails[0]")]
    [InlineData("findingDetails", """[{ "unusedPermissionDetails": { "serviceNamespace": "s3", "actions": [null] } }]""", "$.findingDetails[0].unusedPermissionDetails.actions[0]")]
    public async Task ANullItemInAListIsRefusedAtItsIndex(string field, string value, string key)
    {
        var request = WithStatement(ValidStatement);
        if (field == "policies")
        {
            request.Remove("policy");
        }

        request[field] = JsonNode.Parse(value);

        Assert.Contains("must be an object", await ErrorAtAsync(request, key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryErrorOfARequestIsReportedAtOnce()
    {
        // A value the contract cannot bind at all (an unknown "wildcards" mode) stops the binding first, so it is left out here.
        var request = WithPolicy("""{ "Version": "1", "Statement": [{ "Effect": "Permit", "Action": ["s3 get", 5] }] }""");
        request["unusedPermissions"]![0]!["serviceNamespace"] = "S3";

        using var response = await _client.PostJsonAsync(Recommendations, request);

        var errors = await response.ReadErrorsAsync();
        Assert.Equal(
            [
                "$.policy.Statement[0].Action[0]", "$.policy.Statement[0].Action[1]", "$.policy.Statement[0].Effect",
                "$.policy.Version", "$.unusedPermissions[0].serviceNamespace",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
