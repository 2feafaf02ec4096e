using System.Text.Json.Nodes;
using RefineService.Core.Diff;

namespace RefineService.Core.Tests.Diff;

public class PolicyDiffTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void DocumentsThatPrintTheSameHaveAnEmptyDiff()
    {
        var document = Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""");

        Assert.Equal(string.Empty, PolicyDiff.Unified(document, Parse("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject" } ] }""")));
    }

    [Fact]
    public void AChangedEntryIsOneRemovedAndOneAddedLineInAHunkOfTheWholeDocument()
    {
        var diff = PolicyDiff.Unified(
            Parse("""{"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"]}]}"""),
            Parse("""{"Statement":[{"Effect":"Allow","Action":["s3:GetObject*","s3:List*"]}]}"""));

        Assert.Equal(
            """
            --- original
            +++ recommended
            @@ -1,11 +1,11 @@
             {
               "Statement": [
                 {
                   "Effect": "Allow",
                   "Action": [
            -        "s3:Get*",
            +        "s3:GetObject*",
                     "s3:List*"
                   ]
                 }
               ]
             }

            """.ReplaceLineEndings("\n"),
            diff);
    }

    [Fact]
    public void NoDocumentLeftRemovesEveryLine()
    {
        var diff = PolicyDiff.Unified(Parse("""{"Statement":{"Effect":"Allow","Action":"s3:GetObject"}}"""), recommended: null);

        var lines = diff.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("@@ -1,6 +0,0 @@", lines[2]);
        Assert.All(lines[3..], line => Assert.StartsWith("-", line, StringComparison.Ordinal));
    }

    [Fact]
    public void CharactersArePrintedAsWrittenNotEscaped()
    {
        Assert.Contains("\"arn:aws:s3:::café's+bucket\"", PolicyDiff.Print(Parse("""{"Resource":"arn:aws:s3:::café's+bucket"}""")), StringComparison.Ordinal);
    }
}
