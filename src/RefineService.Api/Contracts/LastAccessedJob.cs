namespace RefineService.Api.Contracts;

/// <summary>The values of IAM's last accessed report that the service reads, as IAM spells them.</summary>
public static class LastAccessedJob
{
    /// <summary>The only <c>JobStatus</c> a report can be read with.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>The <c>JobType</c> of a report with tracked actions.</summary>
    public const string ActionLevel = "ACTION_LEVEL";

    /// <summary>The <c>JobType</c> of a report with services only.</summary>
    public const string ServiceLevel = "SERVICE_LEVEL";
}
