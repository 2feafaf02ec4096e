namespace RefineService.Core.Refinement;

/// <summary>The stable codes of <see cref="RefinementWarning"/>.</summary>
public static class RefinementWarningCodes
{
    /// <summary>An action (or a pattern matching nothing) the catalog does not know.</summary>
    public const string UnknownAction = "UnknownAction";

    /// <summary>A service prefix the catalog does not know.</summary>
    public const string UnknownService = "UnknownService";

    /// <summary>The recommended document is longer than IAM allows for its kind.</summary>
    public const string PolicySizeExceeded = "PolicySizeExceeded";

    /// <summary>An Allow statement's <c>NotAction</c> list too large for one policy of the split is written there as the <c>Action</c> list of the catalog actions it allows, which no longer allows actions AWS adds later.</summary>
    public const string NotActionWrittenAsAction = "NotActionWrittenAsAction";

    /// <summary>A Deny statement's <c>NotAction</c> list is too large for one policy of the split and cannot be cut: cuts would deny more, an <c>Action</c> list would deny less in future.</summary>
    public const string DenyNotActionCannotBeSplit = "DenyNotActionCannotBeSplit";

    /// <summary>A skipped statement's <c>NotAction</c> list is too large for one policy of the split and cannot be cut; being skipped, it is not rewritten.</summary>
    public const string SkippedStatementCannotBeSplit = "SkippedStatementCannotBeSplit";

    /// <summary>An Allow statement's <c>NotAction</c> list is too large for one policy of the split and cannot be cut, and it excludes every action the catalog knows: there is no <c>Action</c> list to write it as.</summary>
    public const string NotActionAllowsNoCatalogAction = "NotActionAllowsNoCatalogAction";
}
