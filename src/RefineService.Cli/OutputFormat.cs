namespace RefineService.Cli;

/// <summary>What <c>refine policy</c> writes to standard output.</summary>
public enum OutputFormat
{
    /// <summary>The service's answer, in its contract.</summary>
    Json,

    /// <summary>The recommended document alone, ready for <c>aws iam create-policy-version --policy-document file://...</c>.</summary>
    Policy,

    /// <summary>The unified diff of the original and the recommendation, coloured on a terminal.</summary>
    Diff,

    /// <summary>Access Analyzer's steps: the <c>findingRecommendation</c> when the request names its principal, else the steps alone.</summary>
    Steps,
}
