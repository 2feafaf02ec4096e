namespace RefineService.Core.Refinement;

/// <summary>What IAM's last accessed report could tell about one service.</summary>
public enum ServiceConclusion
{
    /// <summary>No entity authenticated to the service within the tracking period: it is unused as a whole.</summary>
    NotAuthenticated,

    /// <summary>Last authenticated longer ago than the age threshold: unused as a whole.</summary>
    NotAuthenticatedWithinThreshold,

    /// <summary>Used, with action-level tracking: tracked actions not used are unused; actions it does not track are left alone.</summary>
    ActionLevel,

    /// <summary>Used, with no action-level tracking (or a service-level job): the report cannot tell which actions, so all are left alone.</summary>
    ServiceLevelOnly,
}

/// <summary>The account of one service of a last accessed report: the conclusion, and how many catalog actions it covers each way.</summary>
/// <param name="ServiceNamespace">The service prefix as the report wrote it.</param>
/// <param name="Conclusion">What the report could tell.</param>
/// <param name="CatalogActions">The service's actions in the catalog (0 for a service the catalog lacks).</param>
/// <param name="TrackedActions">Tracked actions the report lists (action-level only).</param>
/// <param name="UnusedActions">Catalog actions of the service the report shows unused.</param>
/// <param name="UntoldActions">Catalog actions of the service the report cannot tell about, left alone.</param>
/// <param name="Path">The JSON path of the service in the request.</param>
public sealed record ServiceActivity(
    string ServiceNamespace,
    ServiceConclusion Conclusion,
    int CatalogActions,
    int TrackedActions,
    int UnusedActions,
    int UntoldActions,
    string Path);
