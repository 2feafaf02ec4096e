namespace RefineService.Core.Refinement;

/// <summary>How a replaced wildcard is written back.</summary>
public enum WildcardMode
{
    /// <summary>Shortest safe prefixes, as <c>prefix*</c> where a prefix covers several actions.</summary>
    Prefix,

    /// <summary>Every kept action listed in full, for teams that forbid new wildcards.</summary>
    None,

    /// <summary>
    /// Prefixes cut to the fewest characters that start exactly the same catalog actions (<c>ec2:DescribeInstanceS*</c>
    /// rather than <c>ec2:DescribeInstanceStatus</c>): the same catalog actions as <see cref="Prefix"/>, fewer characters,
    /// but a shorter prefix is likelier to match an action AWS adds later.
    /// </summary>
    Compact,
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

/// <summary>What a recommendation does when it is over its kind's size limit.</summary>
public enum FitMode
{
    /// <summary>One recommended policy and a <c>PolicySizeExceeded</c> warning; the split is given beside it.</summary>
    Warn,

    /// <summary>The split is the recommendation: one policy per part, each within the limit.</summary>
    Split,

    /// <summary>
    /// An Allow statement that allowed every action (<c>"*"</c>) is written as the <c>NotAction</c> of the unused actions when
    /// that is shorter than its refined <c>Action</c> list: the same catalog actions, and like the original it allows
    /// actions and services AWS adds later. Over the limit, as <see cref="Warn"/>.
    /// </summary>
    NotAction,
}

/// <summary>Options of one refinement.</summary>
/// <param name="Wildcards">How replaced wildcards are written.</param>
/// <param name="Explain">Whether each replaced entry carries its trie as a Mermaid flowchart.</param>
/// <param name="Kind">The policy's kind, for its size limit.</param>
/// <param name="Compact">Whether original entries that another entry of their statement covers are dropped too, not only those the refinement writes.</param>
/// <param name="Fit">What the recommendation does when it is over its kind's size limit.</param>
public sealed record RefinementOptions(
    WildcardMode Wildcards = WildcardMode.Prefix,
    bool Explain = false,
    PolicyKind Kind = PolicyKind.Managed,
    bool Compact = false,
    FitMode Fit = FitMode.Warn)
{
    public static RefinementOptions Default { get; } = new();
}
