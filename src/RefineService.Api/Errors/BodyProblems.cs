using Microsoft.AspNetCore.Mvc;

namespace RefineService.Api.Errors;

/// <summary>The problem answered for a request body that cannot be read.</summary>
internal static class BodyProblems
{
    /// <summary>A 400 validation problem with one error, keyed by the JSON path where reading stopped.</summary>
    public static HttpValidationProblemDetails Unreadable(string path, string message) =>
        new(new Dictionary<string, string[]> { [path] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "The request body could not be read; the key is the JSON path where reading stopped.",
        };
}
