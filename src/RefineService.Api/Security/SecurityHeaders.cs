namespace RefineService.Api.Security;

/// <summary>Headers every answer carries: <c>X-Content-Type-Options: nosniff</c>, and <c>Cache-Control: no-store</c> on the answers of endpoints marked <see cref="NoStoreMetadata"/>.</summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers just before each answer starts, so that error answers written later carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (context.GetEndpoint()?.Metadata.GetMetadata<NoStoreMetadata>() is not null)
            {
                headers.CacheControl = "no-store";
                headers.Remove("Pragma");
                headers.Remove("Expires");
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Marks endpoints whose answers hold a client's policies, which no cache may keep.</summary>
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoStoreMetadata());
}
