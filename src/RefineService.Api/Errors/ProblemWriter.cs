using Microsoft.AspNetCore.Mvc;

namespace RefineService.Api.Errors;

/// <summary>Writes a problem details answer from middleware and callbacks that have no endpoint result to return.</summary>
/// <remarks>
/// Through the service's <see cref="IProblemDetailsService"/>, so that these answers carry the trace id and the content
/// type every other error does.
/// </remarks>
public static class ProblemWriter
{
    /// <summary>Answers <paramref name="status"/> with a problem saying <paramref name="title"/> and what to do about it.</summary>
    public static ValueTask WriteProblemAsync(this HttpContext context, int status, string title, string detail) =>
        context.WriteProblemAsync(new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>Answers with <paramref name="problem"/>, its status as the response's.</summary>
    public static ValueTask WriteProblemAsync(this HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
