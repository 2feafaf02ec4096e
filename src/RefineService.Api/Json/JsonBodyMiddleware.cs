using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using RefineService.Api.Limits;

namespace RefineService.Api.Json;

/// <summary>
/// Reads a JSON request body into memory before the endpoint does, so that one over its endpoint's limit
/// (<see cref="RequestLimits.MaxBodyBytesOf"/>) is refused with 413 also on servers that set no limit of their own, and a
/// compressed body is counted as it is decompressed (a decompression bomb stops at the limit, not at the memory's end).
/// The server's own limit on the bytes received is raised to the endpoint's where it has one (whole accounts).
/// </summary>
internal sealed class JsonBodyMiddleware(RequestDelegate next)
{
    // The buffer's first size when the body's length is not declared (chunked, or compressed); it doubles as needed.
    private const int InitialBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType() || context.Request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        var limit = RequestLimits.MaxBodyBytesOf(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server && server.MaxRequestBodySize < limit)
        {
            server.MaxRequestBodySize = limit;
        }

        var body = await ReadAsync(context.Request, limit, context.RequestAborted);
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;
        context.Response.RegisterForDispose(body);

        // The endpoints' binding reads the body's pipe: given the whole body as one piece, the serializer reads it in one
        // pass. Over the stream, it came in pieces of a few kilobytes, and a value read whole by a converter of ours (an
        // account's authorization details, each of its findings and documents) was scanned again each time a piece came,
        // until it was all there.
        context.Features.Set<IRequestBodyPipeFeature>(new BufferedBody(new ReadOnlySequence<byte>(body.GetBuffer(), 0, (int)body.Length)));
        await next(context);
    }

    private static async Task<MemoryStream> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // A declared length over the limit is refused before a byte is read; a compressed body is counted below, decompressed.
        if (request.ContentLength > limit)
        {
            throw TooLarge();
        }

        // Read from the body's pipe: each read hands over what has arrived, however much, without a copy into a chunk first.
        var body = new MemoryStream((int)Math.Min(request.ContentLength ?? InitialBytes, limit));
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var received = read.Buffer;
            if (body.Length + received.Length > limit)
            {
                reader.AdvanceTo(received.End);
                throw TooLarge();
            }

            foreach (var segment in received)
            {
                body.Write(segment.Span);
            }

            reader.AdvanceTo(received.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        body.Position = 0;
        return body;
    }

    private sealed class BufferedBody(ReadOnlySequence<byte> bytes) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = PipeReader.Create(bytes);
    }

    private static BadHttpRequestException TooLarge() =>
        new("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
}
