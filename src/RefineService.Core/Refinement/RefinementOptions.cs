namespace RefineService.Core.Refinement;

/// <summary>How a replaced wildcard is written back.</summary>
public enum WildcardMode
{
    /// <summary>Shortest safe prefixes, as <c>prefix*</c> where a prefix covers several actions.</summary>
    Prefix,

    /// <summary>Every kept action listed in full, for teams that forbid new wildcards.</summary>
    None,
}

/// <summary>The kind of IAM policy, which sets its size limit.</summary>
public enum PolicyKind
{
    Managed,
    AwsManaged,
    InlineRole,
    InlineUser,
    InlineGroup,
}

/// <summary>Options of one refinement.</summary>
/// <param name="Wildcards">How replaced wildcards are written.</param>
/// <param name="Explain">Whether each replaced entry carries its trie as a Mermaid flowchart.</param>
/// <param name="Kind">The policy's kind, for its size limit.</param>
public sealed record RefinementOptions(WildcardMode Wildcards = WildcardMode.Prefix, bool Explain = false, PolicyKind Kind = PolicyKind.Managed)
{
    public static RefinementOptions Default { get; } = new();
}
