using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using RefineService.Api.Limits;

namespace RefineService.Api.Json;

/// <summary>
/// Makes a server that sets no body limit of its own (the test server) refuse a JSON body over
/// <see cref="RequestLimits.MaxBodyBytes"/> with 413, as Kestrel does: the body is read into memory first. Where the server
/// enforces a limit no larger (Kestrel, <see cref="IHttpMaxRequestBodySizeFeature"/>), the body is left to stream.
/// </summary>
internal sealed class JsonBodyMiddleware(RequestDelegate next)
{
    private const int ChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType() || context.Request.ContentLength == 0 ||
            context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { MaxRequestBodySize: <= RequestLimits.MaxBodyBytes })
        {
            await next(context);
            return;
        }

        var body = await ReadAsync(context.Request, context.RequestAborted);
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;
        context.Response.RegisterForDispose(body);
        await next(context);
    }

    private static async Task<MemoryStream> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            throw TooLarge();
        }

        var body = new MemoryStream((int)(request.ContentLength ?? ChunkBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (body.Length + read > RequestLimits.MaxBodyBytes)
                {
                    throw TooLarge();
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        body.Position = 0;
        return body;
    }

    private static BadHttpRequestException TooLarge() =>
        new("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
}
