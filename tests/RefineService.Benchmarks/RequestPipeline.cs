using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Contracts;
using RefineService.Api.Json;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using Serilog;
using Serilog.Extensions.Hosting;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Benchmarks;

/// <summary>The pieces <c>POST /v1/recommendations</c> runs, set up as the service sets them up: its JSON settings, its validator, a loaded catalog.</summary>
public sealed class RequestPipeline
{
    private RequestPipeline(IServiceProvider services, JsonSerializerOptions json, ActionCatalog catalog)
    {
        Services = services;
        Json = json;
        Catalog = catalog;
        RequestType = (JsonTypeInfo<RecommendationRequest>)json.GetTypeInfo(typeof(RecommendationRequest));
        ResponseType = (JsonTypeInfo<RecommendationResponse>)json.GetTypeInfo(typeof(RecommendationResponse));
        Validator = services.GetRequiredService<IValidator<RecommendationRequest>>();
    }

    /// <summary>The service's registrations that the request path uses (JSON, validators, the loaded catalog).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The service's JSON settings, read-only.</summary>
    public JsonSerializerOptions Json { get; }

    public JsonTypeInfo<RecommendationRequest> RequestType { get; }

    public JsonTypeInfo<RecommendationResponse> ResponseType { get; }

    public IValidator<RecommendationRequest> Validator { get; }

    public ActionCatalog Catalog { get; }

    /// <summary>What the handler tells the request's log line; with no request being logged, as here, it keeps nothing.</summary>
    public static IDiagnosticContext Diagnostics { get; } = new DiagnosticContext(logger: null);

    public static RequestPipeline Create()
    {
        // The validators read the same catalog the handler does, as in the service.
        var catalog = ActionCatalog.LoadEmbedded();
        var current = new RefineService.Api.Catalog.CurrentCatalog();
        current.Replace(catalog);
        var services = new ServiceCollection().AddOptions().AddSingleton(catalog).AddSingleton(current).AddApiJson().AddRequestValidation().BuildServiceProvider();
        var json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        json.MakeReadOnly(populateMissingResolver: true);
        return new RequestPipeline(services, json, catalog);
    }
}
