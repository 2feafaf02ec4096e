using System.Text.Json.Nodes;
using RefineService.Core.Diff;
using RefineService.Core.Policies;

namespace RefineService.Core.Tests.Diff;

public class PolicyDiffTests
{
    private static PolicyDocument Parse(string json) => PolicyDocument.Parse(json);

    [Fact]
    public void DocumentsThatPrintTheSameHaveAnEmptyDiff()
    {
        var document = Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""");

        Assert.Equal(string.Empty, PolicyDiff.Unified(document, Parse("""{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject" } ] }"""), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void AChangedEntryIsOneRemovedAndOneAddedLineInAHunkOfTheWholeDocument()
    {
        var diff = PolicyDiff.Unified(
            Parse("""{"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"]}]}"""),
            Parse("""{"Statement":[{"Effect":"Allow","Action":["s3:GetObject*","s3:List*"]}]}"""),
            TestContext.Current.CancellationToken);

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
    public void AStatementRemovedFromTheMiddleIsItsLinesRemovedAndNothingElse()
    {
        var diff = PolicyDiff.Unified(
            Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Effect":"Allow","Action":"s3:PutObject"},{"Effect":"Allow","Action":"s3:ListBucket"}]}"""),
            Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Effect":"Allow","Action":"s3:ListBucket"}]}"""),
            TestContext.Current.CancellationToken);

        var changed = diff.Split('\n').Skip(3).Where(line => line.StartsWith('-') || line.StartsWith('+')).ToList();
        Assert.Equal(4, changed.Count);
        Assert.All(changed, line => Assert.StartsWith("-", line, StringComparison.Ordinal));
        Assert.Contains("-      \"Action\": \"s3:PutObject\"", changed);
    }

    [Fact]
    public void TheLastStatementRemovedIsFourLinesRemovedAndNoneAdded()
    {
        var diff = PolicyDiff.Unified(
            Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Effect":"Allow","Action":"s3:PutObject"}]}"""),
            Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"""),
            TestContext.Current.CancellationToken);

        // The closing brace of the statement left matches the removed one's; the comma before the removed one goes.
        var lines = diff.Split('\n');
        Assert.Equal("@@ -1,12 +1,8 @@", lines[2]);
        Assert.Equal(["-    },", "-    {", "-      \"Effect\": \"Allow\",", "-      \"Action\": \"s3:PutObject\""], lines.Skip(3).Where(line => line.StartsWith('-')));
        Assert.DoesNotContain(lines.Skip(3), line => line.StartsWith('+'));
    }

    [Fact]
    public void ACancelledTokenStopsTheDiff()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => PolicyDiff.Unified(
            Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"""), recommended: null, cancelled.Token));
    }

    [Fact]
    public void NoDocumentLeftRemovesEveryLine()
    {
        var diff = PolicyDiff.Unified(Parse("""{"Statement":{"Effect":"Allow","Action":"s3:GetObject"}}"""), recommended: null, TestContext.Current.CancellationToken);

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
