namespace RefineService.Api.Infrastructure;

/// <summary>The limits of what one request may carry.</summary>
public static class RequestLimits
{
    /// <summary>The largest request body read, 1 MiB; a larger one is answered 413.</summary>
    public const long MaxBodyBytes = 1024 * 1024;
}
