using Microsoft.Extensions.FileProviders;
using RefineService.Api.OpenApi;
using RefineService.Api.Security;

namespace RefineService.Api.Playground;

/// <summary>
/// The playground at <c>/</c>: a page for people, made of plain files embedded in the service (<c>Playground/Assets</c>,
/// served under <c>/playground</c>), that sends the API's own requests and draws their answers. Its Content-Security-Policy
/// lets it load and ask nothing but this service.
/// </summary>
public static class PlaygroundPage
{
    /// <summary>Where the page's files are served.</summary>
    public const string AssetsPath = "/playground";

    /// <summary>Only this service: no inline script or style, no other host, no frame, no plugin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The seed example the page loads with one click: the same files the OpenAPI examples and the README use.</summary>
    private static readonly PlaygroundExamples SeedExample = new("seed-policy.json", "seed-finding.json");

    private static readonly EmbeddedFileProvider Assets = new(typeof(PlaygroundPage).Assembly, "RefineService.Api.Playground.Assets");

    public static WebApplication MapPlayground(this WebApplication app)
    {
        // Every answer of the playground's paths carries the policy, the page's files and its error answers alike.
        app.UseWhen(IsPlayground, branch => branch.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        }));

        // The files are part of the service's build: a browser revalidates them, so that a new version is seen at once.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = AssetsPath,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.MapGet("/", GetPage).ExcludeFromDescription();
        app.MapGet($"{AssetsPath}/config.json", GetSettings).ExcludeFromDescription();
        app.MapGet($"{AssetsPath}/examples/{{name}}", GetExample).ExcludeFromDescription();
        return app;
    }

    private static bool IsPlayground(HttpContext context) =>
        context.Request.Path == "/" || context.Request.Path.StartsWithSegments(AssetsPath, StringComparison.Ordinal);

    public static IResult GetPage() =>
        TypedResults.Stream(Assets.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8");

    /// <summary>What the page needs to know of this service's configuration: whether it must send an API key, and in which header.</summary>
    public static IResult GetSettings(ApiKeyStore keys) =>
        TypedResults.Json(new PlaygroundSettings(keys.IsEnabled, ApiKeyOptions.HeaderName, SeedExample), PlaygroundJsonContext.Default.PlaygroundSettings);

    /// <summary>One of the request examples embedded in the service, as it is; 404 for any other name.</summary>
    public static IResult GetExample(string name) =>
        RequestExamples.Open(name) is { } example
            ? TypedResults.Stream(example, "application/json; charset=utf-8")
            : TypedResults.NotFound();
}
