using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RefineService.Core.Catalog;

namespace RefineService.Core.Tests.Catalog;

public class ActionCatalogTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    [Fact]
    public void ShippedCatalogHasTheCountsOfThePackageVersionItRecords()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "catalog-summary.json")));
        var root = summary.RootElement;

        Assert.Equal(root.GetProperty("source").GetString(), Catalog.Source);
        Assert.Equal(root.GetProperty("version").GetString(), Catalog.Version);
        Assert.Equal(root.GetProperty("services").GetInt32(), Catalog.Services.Count);
        Assert.Equal(root.GetProperty("actions").GetInt32(), Catalog.Count);
    }

    [Fact]
    public void ServicesHaveDisplayNamesAndTheirActions()
    {
        Assert.True(Catalog.TryGetService("S3", out var s3));
        Assert.Equal("s3", s3.Prefix);
        Assert.Equal("Amazon S3", s3.Name);
        var actions = Catalog.ActionsOf(s3).ToList();
        Assert.Equal(s3.ActionCount, actions.Count);
        Assert.All(actions, a => Assert.Equal("s3", a.ServicePrefix));
        Assert.Contains(actions, a => a.Name == "GetObject" && a.AccessLevel == AccessLevel.Read);
    }

    [Fact]
    public void ServicesWhosePrefixesShareAStartKeepTheirOwnActions()
    {
        Assert.True(Catalog.TryGetService("s3express", out var express));
        Assert.All(Catalog.ActionsOf(express), a => Assert.Equal("s3express", a.ServicePrefix));
        Assert.DoesNotContain(Catalog.ActionsOf(Catalog.Services.Single(s => s.Prefix == "s3")), a => a.ServicePrefix != "s3");
    }

    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", AccessLevel.Read)]
    [InlineData("S3:getobject", "s3:GetObject", AccessLevel.Read)]
    [InlineData("iam:PutRolePolicy", "iam:PutRolePolicy", AccessLevel.PermissionsManagement)]
    [InlineData("s3:PutObjectTagging", "s3:PutObjectTagging", AccessLevel.Tagging)]
    [InlineData("ec2:DescribeInstances", "ec2:DescribeInstances", AccessLevel.List)]
    public void LookupIsCaseInsensitiveAndGivesTheCanonicalSpelling(string query, string canonical, AccessLevel level)
    {
        Assert.True(Catalog.TryFind(query, out var action));
        Assert.Equal(canonical, action.FullName);
        Assert.Equal(level, action.AccessLevel);
    }

    [Theory]
    [InlineData("s3:GetObjec")]
    [InlineData("s3:GetObjectX")]
    [InlineData("nosuchservice:GetObject")]
    [InlineData("s3")]
    [InlineData("")]
    public void UnknownActionsAreNotFound(string query) => Assert.False(Catalog.Contains(query));

    [Fact]
    public void EveryActionHasAtLeastItsServiceAndItsFullNameAsCandidatePrefixes()
    {
        for (var i = 0; i < Catalog.Count; i++)
        {
            var lengths = Catalog.CandidateLengths(i);
            var key = Catalog.Key(i);
            Assert.Equal(Catalog[i].ServicePrefix.Length + 1, lengths[0]);
            Assert.Equal(key.Length, lengths[^1]);
        }
    }

    [Fact]
    public void CandidatePrefixesIncludeWordBoundariesOfOtherActions()
    {
        // "ec2:DescribeInstance" ends a word of DescribeInstanceAttribute, and is a prefix of DescribeInstances.
        Assert.True(Catalog.TryFind("ec2:DescribeInstances", out var action));
        var prefixes = Catalog.CandidateLengths(action.Index).ToArray().Select(l => Catalog.Key(action.Index)[..l]);
        Assert.Equal(["ec2:", "ec2:describe", "ec2:describeinstance", "ec2:describeinstances"], prefixes);
    }

    [Fact]
    public void ACorruptFileFailsWithAClearReason()
    {
        var error = Assert.Throws<CatalogLoadException>(() => ActionCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes("{ not json"))));
        Assert.Contains("not catalog JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedGzipFileFailsWithAClearReason()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("{\"source\":\"x\",\"version\":\"1\",\"services\":[]}"));
        }

        var truncated = compressed.ToArray()[..12];
        Assert.Throws<CatalogLoadException>(() => ActionCatalog.Load(new MemoryStream(truncated)));
    }

    [Fact]
    public void AnEmptyFileFailsWithAClearReason()
    {
        var error = Assert.Throws<CatalogLoadException>(() => ActionCatalog.Load(new MemoryStream()));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutServicesFailsWithAClearReason()
    {
        var error = Assert.Throws<CatalogLoadException>(() => ActionCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes("{\"source\":\"x\",\"version\":\"1\"}"))));
        Assert.Contains("services", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
