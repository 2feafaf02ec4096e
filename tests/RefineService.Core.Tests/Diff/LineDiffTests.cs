using CsCheck;
using RefineService.Core.Diff;

namespace RefineService.Core.Tests.Diff;

public class LineDiffTests
{
    // Sequences over few distinct lines (many repeats, the patience step finds little) and over many (it finds almost everything).
    private static readonly Gen<(int[] Old, int[] New)> Pair =
        Gen.Int[1, 60].SelectMany(distinct => Gen.Select(Gen.Int[0, distinct - 1].Array[0, 80], Gen.Int[0, distinct - 1].Array[0, 80]));

    [Fact]
    public void EveryScriptRebuildsBothSidesAndMatchesOnlyEqualLines() =>
        Pair.Sample(pair => Check(pair.Old, pair.New), iter: 2_000, print: pair => $"[{string.Join(',', pair.Old)}] -> [{string.Join(',', pair.New)}]");

    [Fact]
    public void AnEditedCopyKeepsEveryLineItDidNotTouch() =>
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 20].Array[0, 12], (length, edits) => (length, edits)).Sample(c =>
        {
            // Distinct lines, some removed and some new ones put in: as a policy's entries are rewritten.
            var old = Enumerable.Range(0, c.length).ToArray();
            var updated = old.ToList();
            var next = c.length;
            foreach (var edit in c.edits)
            {
                var at = edit % Math.Max(1, updated.Count);
                if (edit % 2 == 0 && updated.Count > 0)
                {
                    updated.RemoveAt(at);
                }
                else
                {
                    updated.Insert(at, next++);
                }
            }

            var script = Check(old, [.. updated]);
            Assert.Equal(old.Intersect(updated).Count(), script.Count(s => s.Edit == LineEdit.Equal));
        });

    [Fact]
    public void AGapWithoutUniqueLinesIsDiffedExactly()
    {
        // a b a -> b a b: no line occurs once on each side; the longest common subsequence has two lines.
        var script = Check([0, 1, 0], [1, 0, 1]);

        Assert.Equal(2, script.Count(s => s.Edit == LineEdit.Equal));
    }

    [Fact]
    public void AnInputThatWouldCostMoreThanTheBudgetStillGetsACorrectScript()
    {
        // Two distinct lines in a long shuffle: no gap has unique lines and every gap is too large to diff exactly.
        var random = new Random(7);
        var old = Enumerable.Range(0, 100_000).Select(_ => random.Next(2)).ToArray();
        var updated = Enumerable.Range(0, 100_000).Select(_ => random.Next(2)).ToArray();

        Check(old, updated);
    }

    [Fact]
    public void ACancelledTokenStopsTheDiff()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => LineDiff.Compute([0, 1], [1, 2], 3, cancelled.Token));
    }

    private static List<ScriptLine> Check(int[] old, int[] updated)
    {
        var distinct = old.Concat(updated).DefaultIfEmpty(-1).Max() + 1;
        var script = LineDiff.Compute(old, updated, distinct, TestContext.Current.CancellationToken);

        Assert.Equal(old, script.Where(s => s.Edit != LineEdit.Insert).Select(s => old[s.Line]));
        var newSide = new List<int>();
        int oldAt = 0, newAt = 0;
        foreach (var (edit, line) in script)
        {
            switch (edit)
            {
                case LineEdit.Equal:
                    Assert.Equal(oldAt++, line);
                    newSide.Add(updated[newAt++]);
                    Assert.Equal(old[line], newSide[^1]);
                    break;
                case LineEdit.Delete:
                    Assert.Equal(oldAt++, line);
                    break;
                default:
                    Assert.Equal(newAt++, line);
                    newSide.Add(updated[line]);
                    break;
            }
        }

        Assert.Equal(updated, newSide);
        return script;
    }
}
