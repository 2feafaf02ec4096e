namespace RefineService.Core.Policies;

/// <summary>The most a policy document may hold for the service to read it; each limit broken is a problem of the document.</summary>
public static class PolicyLimits
{
    /// <summary>How deep objects and arrays may nest, counted from the root of the text the document is read from.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>The most statements one policy document may hold.</summary>
    public const int MaxStatements = 1_000;

    /// <summary>The longest action pattern or unused action name, in characters.</summary>
    public const int MaxPatternLength = 1_000;
}
