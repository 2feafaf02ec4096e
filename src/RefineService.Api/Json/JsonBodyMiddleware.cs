using System.Buffers;
using RefineService.Api.Limits;

namespace RefineService.Api.Json;

/// <summary>
/// Reads a JSON request body into memory before the endpoint does, so that one over <see cref="RequestLimits.MaxBodyBytes"/>
/// is refused with 413 also on servers that set no limit of their own (Kestrel's own limit answers first where it is set).
/// </summary>
internal sealed class JsonBodyMiddleware(RequestDelegate next)
{
    private const int ChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType() || context.Request.ContentLength == 0)
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
