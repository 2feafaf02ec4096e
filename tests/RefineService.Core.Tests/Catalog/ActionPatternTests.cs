using RefineService.Core.Catalog;

namespace RefineService.Core.Tests.Catalog;

public class ActionPatternTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    private static IEnumerable<string> AllActions() => Enumerable.Range(0, Catalog.Count).Select(i => Catalog[i].FullName);

    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", true)]
    [InlineData("s3:GetObject", "S3:GETOBJECT", true)]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:Get", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("*", "s3:GetObject", true)]
    [InlineData("s3:*", "s3:GetObject", true)]
    [InlineData("s3:*", "s3express:CreateSession", false)]
    [InlineData("*:Get*", "lambda:GetFunction", true)]
    [InlineData("*:Get*", "lambda:ListFunctions", false)]
    [InlineData("s3:*Object*", "s3:PutObjectAcl", true)]
    [InlineData("s3:*Object*", "s3:ListBucket", false)]
    [InlineData("ec2:Describe?pcs", "ec2:DescribeVpcs", true)]
    [InlineData("ec2:Describe?pcs", "ec2:DescribeVVpcs", false)]
    [InlineData("ec2:Describe?pcs", "ec2:Describepcs", false)]
    [InlineData("s3:GetObjec", "s3:GetObject", false)]
    [InlineData("s3:*a*a*b", "s3:aab", true)]
    [InlineData("s3:*a*a*b", "s3:abab", true)]
    [InlineData("s3:*a*a*b", "s3:abba", false)]
    [InlineData("**", "s3:x", true)]
    [InlineData("s3:ab*b", "s3:ab", false)]
    [InlineData("s3:ab*b", "s3:abb", true)]
    [InlineData("s3:*ab*ab", "s3:xabab", true)]
    [InlineData("s3:*ab*ab", "s3:xab", false)]
    [InlineData("s3:?*", "s3:", false)]
    public void PatternsMatchTheWholeActionCaseInsensitively(string pattern, string action, bool matches) =>
        Assert.Equal(matches, ActionPattern.Parse(pattern).IsMatch(action));

    [Theory]
    [InlineData("*")]
    [InlineData("s3:*")]
    [InlineData("*:Get*")]
    [InlineData("s3:*Object*")]
    [InlineData("ec2:Describe?pcs")]
    [InlineData("S3:get*")]
    [InlineData("iam:*Role?olicy")]
    [InlineData("*:*Tag*")]
    [InlineData("*?3:GetObject")]
    [InlineData("*:Get?bject*")]
    [InlineData("s3:GetObjec?*")]
    [InlineData("*:GetObjec?*")]
    public void CatalogMatchFindsExactlyTheActionsThePatternMatches(string pattern)
    {
        // The oracle's matcher (a regular expression), not the engine's.
        var expected = AllActions().Where(a => RefineService.Oracle.Glob.IsMatch(pattern, a)).ToList();

        var matched = Catalog.Match(pattern).Select(a => a.FullName).ToList();

        Assert.NotEmpty(matched);
        Assert.Equal(expected, matched);
    }

    [Fact]
    public void StarMatchesTheWholeCatalog() => Assert.Equal(Catalog.Count, Catalog.Match("*").Count);

    [Fact]
    public void ServiceStarMatchesExactlyTheServicesActions()
    {
        Assert.True(Catalog.TryGetService("s3", out var s3));
        Assert.Equal(Catalog.ActionsOf(s3).Select(a => a.FullName), Catalog.Match("s3:*").Select(a => a.FullName));
    }

    [Fact]
    public void AQuestionMarkStandsForExactlyOneCharacter() =>
        Assert.Equal(["ec2:DescribeVpcs"], Catalog.Match("ec2:Describe?pcs").Select(a => a.FullName));

    [Fact]
    public void MixedCasePatternsMatchInCanonicalSpelling() =>
        Assert.Equal(["s3:GetObject"], Catalog.Match("S3:gEtObJeCt").Select(a => a.FullName));

    [Theory]
    [InlineData("nosuchservice:*")]
    [InlineData("nosuchservice:GetObject")]
    [InlineData("s3:NoSuchAction*")]
    [InlineData("s3:Get?")]
    [InlineData("s3")]
    [InlineData("")]
    public void PatternsMatchingNothingGiveAnEmptyList(string pattern) => Assert.Empty(Catalog.Match(pattern));

    [Fact]
    public void AHostilePatternOfFourThousandCharactersMatchesWhatItShouldAndNothingElse()
    {
        // "*a*a*a…*b": a backtracking matcher would explode here (HostilePatternBenchmarks measures that ours does not).
        var pattern = ActionPattern.Parse(string.Concat(Enumerable.Repeat("*a", 1_999)) + "*b");
        var matches = new List<int>();

        Catalog.MatchIndices(pattern, matches);

        Assert.Empty(matches);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("n*")]
    [InlineData("new*:Get*")]
    [InlineData("newservice:*")]
    [InlineData("NewService:GetThing")]
    [InlineData("newservice?*")]
    [InlineData("newserv?ce:Get")]
    [InlineData("?ewservice:X")]
    [InlineData("*e:*")]
    [InlineData("*x:*")]
    [InlineData("newservice")]
    [InlineData("newservice*")]
    [InlineData("newservices:*")]
    [InlineData("s3:*")]
    [InlineData("*:Get*")]
    [InlineData("n*x")]
    [InlineData("ne*w:*")]
    [InlineData("newservice:?")]
    [InlineData("n?w*")]
    [InlineData("new?")]
    [InlineData("*newservice")]
    [InlineData("*newservice:Get")]
    [InlineData("?*?*?*?*?*?*?*?*?*?*?*")]
    [InlineData("?*?*?*?*?*?*?*?*?*?*?*?:*")]
    public void APatternMayMatchAnActionOfAServiceNobodyListsExactlyWhenTheOracleSaysSo(string pattern) =>
        Assert.Equal(
            RefineService.Oracle.Glob.CanMatchSomethingStartingWith(pattern, "newservice:"),
            ActionPattern.Parse(pattern).CanMatchActionOf("newservice"));
}
