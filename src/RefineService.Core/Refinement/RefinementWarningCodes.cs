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
}
