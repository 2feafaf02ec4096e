using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Catalog;
using RefineService.Api.Errors;
using RefineService.Api.Json;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using Serilog;
using Serilog.Extensions.Hosting;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Cli;

/// <summary>
/// The service's own request path, in process: its JSON settings, its validators and its handlers over the embedded
/// catalog. A request that the service would refuse is refused here with the same JSON paths and sentences.
/// </summary>
internal sealed class ServicePipeline
{
    private readonly IServiceProvider _services;
    private readonly JsonSerializerOptions _indented;

    private ServicePipeline(ActionCatalog catalog)
    {
        Catalog = catalog;
        var services = new ServiceCollection();
        var current = new CurrentCatalog();
        current.Replace(catalog);
        services.AddSingleton(current);
        services.AddSingleton(catalog);
        services.AddApiJson();
        services.AddRequestValidation();
        _services = services.BuildServiceProvider();
        Json = _services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        _indented = new JsonSerializerOptions(Json) { WriteIndented = true };
    }

    public static ServicePipeline Create() => new(ActionCatalog.LoadEmbedded());

    public ActionCatalog Catalog { get; }

    /// <summary>How old the catalog is, against the service's default age limit.</summary>
    public CatalogFreshness Freshness { get; } = new(Options.Create(new CatalogOptions()), TimeProvider.System);

    /// <summary>The service's JSON settings.</summary>
    public JsonSerializerOptions Json { get; }

    /// <summary>What the handlers tell the request log; the tool has no request log.</summary>
    public IDiagnosticContext Diagnostics { get; } = new DiagnosticContext(logger: null);

    /// <summary>The request read as the service reads its body, then validated as the service validates it.</summary>
    public async Task<T> ReadAsync<T>(JsonElement body, CancellationToken cancellationToken)
        where T : class
    {
        T? request;
        try
        {
            request = body.Deserialize<T>(Json);
        }
        catch (JsonException ex)
        {
            throw new RefusedRequestException(new Dictionary<string, string[]> { [UnreadableJson.Path(ex)] = [UnreadableJson.Sentence(ex)] });
        }

        if (request is null)
        {
            throw new RefusedRequestException(new Dictionary<string, string[]> { ["$"] = ["The request is empty."] });
        }

        var result = await _services.GetRequiredService<IValidator<T>>().ValidateAsync(request, cancellationToken);
        return result.IsValid ? request : throw new RefusedRequestException(ValidationFilter<T>.ByPath(result));
    }

    /// <summary>Writes <paramref name="value"/> as the service answers it, indented for people.</summary>
    public string Write<T>(T value) => JsonSerializer.Serialize(value, _indented);
}

/// <summary>A request the service would refuse: its broken rules, keyed by JSON path.</summary>
internal sealed class RefusedRequestException(IReadOnlyDictionary<string, string[]> errors) : Exception("The request breaks the service's rules.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
