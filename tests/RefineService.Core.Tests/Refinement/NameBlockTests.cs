using RefineService.Core.Catalog;
using RefineService.Core.Refinement;
using RefineService.Core.Tests.Catalog;
using RefineService.Oracle;

namespace RefineService.Core.Tests.Refinement;

/// <summary>The names a star pattern matches, found through the index or the text, are those IAM's matching says.</summary>
public class NameBlockTests
{
    private static readonly ActionCatalog Catalog = ShippedCatalog.Instance;

    [Theory]
    [InlineData("ec2")]
    [InlineData("s3")]
    [InlineData("oam")]
    public void EveryPatternMatchesExactlyTheNamesGlobMatchingSays(string service)
    {
        var found = Catalog.Services.Single(s => s.Prefix == service);
        var names = Enumerable.Range(found.FirstAction, found.ActionCount).Select(i => Catalog[i].Name.ToLowerInvariant()).ToArray();
        var block = new NameBlock(names);
        var random = new Random(20_261_202);

        for (var k = 0; k < 2_000; k++)
        {
            var name = names[random.Next(names.Length)];
            var a = random.Next(name.Length);
            var b = random.Next(a, name.Length + 1);
            var c = random.Next(b, name.Length + 1);
            var text = (k % 6) switch
            {
                0 => "*" + name[a..b] + "*",
                1 => name[..b] + "*",
                2 => "*" + name[a..],
                3 => name[..a] + "*" + name[b..c] + "*" + name[c..],
                4 => name,
                _ => "*" + name[a..Math.Min(a + 2, name.Length)] + "*",
            };
            if (text.Replace("*", string.Empty, StringComparison.Ordinal).Length == 0)
            {
                continue;
            }

            var pattern = new StarPattern(text.Replace("**", "*", StringComparison.Ordinal));
            var expected = Enumerable.Range(0, names.Length).Where(i => Glob.IsMatch(text, names[i])).ToArray();

            Assert.Equal(expected, block.Matches(pattern));
            Assert.Equal(expected.Length > 0, block.AnyMatch(pattern));
        }
    }
}
