using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RefineService.Api.Errors;

/// <summary>
/// Answers requests the framework could not read (not JSON, JSON of the wrong shape, too large, wrong content type)
/// with problem details: a 400 validation problem keyed by the JSON path at fault, or the status the framework chose.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var problem = Describe(badRequest);
        LogRefused(logger, problem.Status ?? badRequest.StatusCode, problem.Detail);
        httpContext.Response.StatusCode = problem.Status ?? badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(BadHttpRequestException exception) => exception switch
    {
        { InnerException: JsonException json } => Invalid(UnreadableJson.Path(json), UnreadableJson.Sentence(json)),

        // Kestrel's size limit and the like: the status says it; ProblemDetailsExtensions adds the sentence.
        _ => new ProblemDetails { Status = exception.StatusCode },
    };

    private static HttpValidationProblemDetails Invalid(string path, string message) => BodyProblems.Unreadable(path, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request refused with {StatusCode}: {Problem}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string? problem);
}
