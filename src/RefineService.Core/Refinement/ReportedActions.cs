namespace RefineService.Core.Refinement;

/// <summary>
/// For each catalog action some input reported unused: which inputs reported it, and what spares it. A request reports
/// tens to a few thousand of the catalog's 22,000 actions, so only those are kept, by ascending index; an account answer
/// holds one of these per principal.
/// </summary>
internal sealed class ReportedActions
{
    private readonly int[] _indices;
    private readonly byte[] _reportedBy;
    private readonly byte[] _sparedBy;

    private ReportedActions(int[] indices, byte[] reportedBy, byte[] sparedBy)
    {
        _indices = indices;
        _reportedBy = reportedBy;
        _sparedBy = sparedBy;
    }

    /// <summary>Keeps the actions whose <paramref name="reportedBy"/> flags are set (one entry per catalog action in both spans).</summary>
    public static ReportedActions From(ReadOnlySpan<byte> reportedBy, ReadOnlySpan<byte> sparedBy)
    {
        var count = reportedBy.Length - reportedBy.Count((byte)0);
        var indices = new int[count];
        var reported = new byte[count];
        var spared = new byte[count];
        var at = 0;
        for (var i = reportedBy.IndexOfAnyExcept((byte)0); i >= 0;)
        {
            indices[at] = i;
            reported[at] = reportedBy[i];
            spared[at] = sparedBy[i];
            at++;
            var next = reportedBy[(i + 1)..].IndexOfAnyExcept((byte)0);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return new ReportedActions(indices, reported, spared);
    }

    /// <summary>How many actions were reported.</summary>
    public int Count => _indices.Length;

    /// <summary>The catalog index of the <paramref name="at"/>-th action reported, ascending.</summary>
    public int IndexAt(int at) => _indices[at];

    public UnusedActionSource ReportedByAt(int at) => (UnusedActionSource)_reportedBy[at];

    public SpareReason SparedByAt(int at) => (SpareReason)_sparedBy[at];

    public UnusedActionSource ReportedBy(int index) =>
        Array.BinarySearch(_indices, index) is var at and >= 0 ? (UnusedActionSource)_reportedBy[at] : UnusedActionSource.None;

    public SpareReason SparedBy(int index) =>
        Array.BinarySearch(_indices, index) is var at and >= 0 ? (SpareReason)_sparedBy[at] : SpareReason.None;
}
