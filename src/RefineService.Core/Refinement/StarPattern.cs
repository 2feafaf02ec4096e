namespace RefineService.Core.Refinement;

/// <summary>A lower-case pattern whose only wildcard is <c>*</c>, matched against lower-case names: its literal parts in order.</summary>
internal readonly struct StarPattern
{
    // An open start or end is an empty first or last part.
    private readonly string[] _parts;

    public StarPattern(string text)
    {
        _parts = text.Split('*');
        var longest = _parts[0];
        foreach (var part in _parts)
        {
            longest = part.Length > longest.Length ? part : longest;
        }

        LongestPart = longest;
    }

    /// <summary>Whether this is the default value, no pattern at all.</summary>
    public bool IsEmpty => _parts is null;

    /// <summary>The longest literal part: every name the pattern matches holds it.</summary>
    public string LongestPart { get; }

    public bool IsMatch(string name)
    {
        var head = _parts[0];
        var tail = _parts[^1];
        if (_parts.Length == 1)
        {
            return name == head;
        }

        if (name.Length < head.Length + tail.Length || !name.StartsWith(head, StringComparison.Ordinal) || !name.EndsWith(tail, StringComparison.Ordinal))
        {
            return false;
        }

        // The middle parts in order, each as early as it can be, between the head and the tail.
        var at = head.Length;
        var stop = name.Length - tail.Length;
        for (var k = 1; k < _parts.Length - 1; k++)
        {
            var part = _parts[k];
            if (part.Length == 0)
            {
                continue;
            }

            var found = name.AsSpan(at, stop - at).IndexOf(part, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at += found + part.Length;
        }

        return true;
    }
}
