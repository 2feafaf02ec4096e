using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Core.Policies;

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
        { InnerException: JsonException json } => Invalid(json.Path ?? JsonPath.Root, Sentence(json) + Where(json)),

        // Kestrel's size limit and the like: the status says it; ProblemDetailsExtensions adds the sentence.
        _ => new ProblemDetails { Status = exception.StatusCode },
    };

    // What went wrong, told by the exception's kind, never by its words: the runtime's wording may change with any update.
    private static string Sentence(JsonException exception) => exception switch
    {
        // The contract's own converters say what the value should be.
        ContractValueException => exception.Message.TrimEnd('.'),

        // The reader's (a subclass): the text is not JSON, or nests deeper than the reader goes.
        _ when exception.GetType() != typeof(JsonException) || exception.InnerException is JsonException =>
            $"The body is not valid JSON, or nests deeper than {2 * RequestLimits.MaxJsonDepth} levels",

        // The serializer's: JSON of the wrong shape.
        _ => "This value does not have the type the field needs (see the OpenAPI description)",
    };

    private static string Where(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (line {line + 1}, position {position + 1}).")
            : ".";

    private static HttpValidationProblemDetails Invalid(string path, string message) => BodyProblems.Unreadable(path, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request refused with {StatusCode}: {Problem}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string? problem);
}
