namespace RefineService.Core.Diff;

/// <summary>What one line of a diff does: stays, goes, or comes.</summary>
internal enum LineEdit : byte
{
    Equal,
    Delete,
    Insert,
}

/// <summary>One line of an edit script: <see cref="Line"/> indexes the old sequence for Equal and Delete, the new one for Insert.</summary>
internal readonly record struct ScriptLine(LineEdit Edit, int Line);

/// <summary>
/// A patience diff of two sequences of line ids, bounded in time: common head and tail lines are matched first, then lines
/// that occur exactly once on each side are matched along their longest increasing run, and the gaps between them are
/// diffed the same way. A small gap with no such line is diffed exactly (longest common subsequence); a large one is
/// written as its old lines removed and its new lines added.
/// </summary>
/// <remarks>
/// Policy documents printed one entry per line give almost every line an id of its own, so the patience step matches
/// nearly everything in O(n log n). Counting work is charged to a budget proportional to the input; once it is spent the
/// remaining gaps are written as removed-then-added, so an adversarial input costs at most a constant times its length.
/// Every script is a correct diff (its Equal and Delete lines are the old sequence, its Equal and Insert lines the new
/// one); only its minimality is given up past the budget.
/// </remarks>
internal sealed class LineDiff
{
    /// <summary>The largest gap (old lines x new lines) diffed exactly when no line in it is unique to both sides.</summary>
    internal const int ExactGapCells = 4096;

    /// <summary>How many times the input's length the counting of unique lines may cost in all.</summary>
    internal const int WorkPerLine = 16;

    private readonly int[] _old;
    private readonly int[] _new;
    private readonly CancellationToken _cancellationToken;

    // Per line id: occurrences in the gap being examined and where the last one is; all zero between gaps.
    private readonly int[] _oldCount;
    private readonly int[] _newCount;
    private readonly int[] _newPosition;
    private readonly List<ScriptLine> _script;
    private long _budget;

    private LineDiff(int[] oldLines, int[] newLines, int distinctLines, CancellationToken cancellationToken)
    {
        _old = oldLines;
        _new = newLines;
        _cancellationToken = cancellationToken;
        _oldCount = new int[distinctLines];
        _newCount = new int[distinctLines];
        _newPosition = new int[distinctLines];
        _script = new List<ScriptLine>(Math.Max(oldLines.Length, newLines.Length));
        _budget = (long)WorkPerLine * (oldLines.Length + newLines.Length) + 1024;
    }

    /// <summary>The edit script from <paramref name="oldLines"/> to <paramref name="newLines"/>, ids in <c>[0, distinctLines)</c>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static List<ScriptLine> Compute(int[] oldLines, int[] newLines, int distinctLines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);
        var diff = new LineDiff(oldLines, newLines, distinctLines, cancellationToken);
        diff.Run();
        return diff._script;
    }

    private void Run()
    {
        // Work is done in order with an explicit stack, so deep inputs cannot exhaust the call stack: a gap pushes its
        // pieces last first; a matched pair is a gap of one line on each side that is equal.
        var work = new Stack<Gap>();
        work.Push(new Gap(0, _old.Length, 0, _new.Length));
        while (work.TryPop(out var gap))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Diff(gap, work);
        }
    }

    private void Diff(Gap gap, Stack<Gap> work)
    {
        var (oldStart, oldEnd, newStart, newEnd) = gap;
        while (oldStart < oldEnd && newStart < newEnd && _old[oldStart] == _new[newStart])
        {
            _script.Add(new ScriptLine(LineEdit.Equal, oldStart));
            oldStart++;
            newStart++;
        }

        var tail = 0;
        while (oldStart < oldEnd - tail && newStart < newEnd - tail && _old[oldEnd - tail - 1] == _new[newEnd - tail - 1])
        {
            tail++;
        }

        // The common tail comes after the middle: pushed first, it is popped last.
        for (var i = 1; i <= tail; i++)
        {
            work.Push(new Gap(oldEnd - i, oldEnd - i + 1, newEnd - i, newEnd - i + 1));
        }

        oldEnd -= tail;
        newEnd -= tail;
        if (oldStart == oldEnd || newStart == newEnd)
        {
            Replace(oldStart, oldEnd, newStart, newEnd);
            return;
        }

        IReadOnlyList<(int Old, int New)> anchors = _budget > 0 ? UniqueAnchors(oldStart, oldEnd, newStart, newEnd) : [];
        if (anchors.Count == 0)
        {
            if ((long)(oldEnd - oldStart) * (newEnd - newStart) <= ExactGapCells)
            {
                Exact(oldStart, oldEnd, newStart, newEnd);
            }
            else
            {
                Replace(oldStart, oldEnd, newStart, newEnd);
            }

            return;
        }

        // Gap after the last anchor, then each anchor and the gap before it, back to front.
        var (nextOld, nextNew) = (oldEnd, newEnd);
        for (var i = anchors.Count - 1; i >= 0; i--)
        {
            var (oldLine, newLine) = anchors[i];
            work.Push(new Gap(oldLine + 1, nextOld, newLine + 1, nextNew));
            work.Push(new Gap(oldLine, oldLine + 1, newLine, newLine + 1));
            (nextOld, nextNew) = (oldLine, newLine);
        }

        work.Push(new Gap(oldStart, nextOld, newStart, nextNew));
    }

    // The pairs of lines that occur once on each side of the gap, along their longest run increasing on both sides.
    private IReadOnlyList<(int Old, int New)> UniqueAnchors(int oldStart, int oldEnd, int newStart, int newEnd)
    {
        _budget -= 2L * ((oldEnd - oldStart) + (newEnd - newStart));
        for (var i = oldStart; i < oldEnd; i++)
        {
            _oldCount[_old[i]]++;
        }

        for (var j = newStart; j < newEnd; j++)
        {
            _newCount[_new[j]]++;
            _newPosition[_new[j]] = j;
        }

        var candidates = new List<(int Old, int New)>();
        for (var i = oldStart; i < oldEnd; i++)
        {
            var id = _old[i];
            if (_oldCount[id] == 1 && _newCount[id] == 1)
            {
                candidates.Add((i, _newPosition[id]));
            }
        }

        for (var i = oldStart; i < oldEnd; i++)
        {
            _oldCount[_old[i]] = 0;
        }

        for (var j = newStart; j < newEnd; j++)
        {
            _newCount[_new[j]] = 0;
        }

        return LongestIncreasingRun(candidates);
    }

    // Patience sorting: candidates come in old-line order; keep the longest subsequence increasing in new lines.
    private static IReadOnlyList<(int Old, int New)> LongestIncreasingRun(List<(int Old, int New)> candidates)
    {
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        var tails = new List<int>();
        var previous = new int[candidates.Count];
        for (var k = 0; k < candidates.Count; k++)
        {
            var newLine = candidates[k].New;
            int low = 0, high = tails.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (candidates[tails[mid]].New < newLine)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            previous[k] = low > 0 ? tails[low - 1] : -1;
            if (low == tails.Count)
            {
                tails.Add(k);
            }
            else
            {
                tails[low] = k;
            }
        }

        var run = new (int Old, int New)[tails.Count];
        for (int k = tails[^1], at = run.Length - 1; k >= 0; k = previous[k], at--)
        {
            run[at] = candidates[k];
        }

        return run;
    }

    // Longest common subsequence by table over a small gap; on a tie a removal is written before an addition.
    private void Exact(int oldStart, int oldEnd, int newStart, int newEnd)
    {
        int rows = oldEnd - oldStart, columns = newEnd - newStart;
        var common = new int[(rows + 1) * (columns + 1)];
        int At(int i, int j) => (i * (columns + 1)) + j;
        for (var i = rows - 1; i >= 0; i--)
        {
            for (var j = columns - 1; j >= 0; j--)
            {
                common[At(i, j)] = _old[oldStart + i] == _new[newStart + j]
                    ? common[At(i + 1, j + 1)] + 1
                    : Math.Max(common[At(i + 1, j)], common[At(i, j + 1)]);
            }
        }

        int x = 0, y = 0;
        while (x < rows && y < columns)
        {
            if (_old[oldStart + x] == _new[newStart + y])
            {
                _script.Add(new ScriptLine(LineEdit.Equal, oldStart + x));
                x++;
                y++;
            }
            else if (common[At(x + 1, y)] >= common[At(x, y + 1)])
            {
                _script.Add(new ScriptLine(LineEdit.Delete, oldStart + x));
                x++;
            }
            else
            {
                _script.Add(new ScriptLine(LineEdit.Insert, newStart + y));
                y++;
            }
        }

        Replace(oldStart + x, oldEnd, newStart + y, newEnd);
    }

    private void Replace(int oldStart, int oldEnd, int newStart, int newEnd)
    {
        for (var i = oldStart; i < oldEnd; i++)
        {
            _script.Add(new ScriptLine(LineEdit.Delete, i));
        }

        for (var j = newStart; j < newEnd; j++)
        {
            _script.Add(new ScriptLine(LineEdit.Insert, j));
        }
    }

    private readonly record struct Gap(int OldStart, int OldEnd, int NewStart, int NewEnd);
}
