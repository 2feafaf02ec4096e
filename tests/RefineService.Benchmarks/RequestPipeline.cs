using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Contracts;
using RefineService.Api.Infrastructure;
using RefineService.Api.Validation;
using RefineService.Core.Catalog;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Benchmarks;

/// <summary>The pieces <c>POST /v1/recommendations</c> runs, set up as the service sets them up: its JSON settings, its validator, a loaded catalog.</summary>
public sealed class RequestPipeline
{
    private RequestPipeline(JsonTypeInfo<RecommendationRequest> requestType, JsonTypeInfo<RecommendationResponse> responseType, IValidator<RecommendationRequest> validator, CatalogState state)
    {
        RequestType = requestType;
        ResponseType = responseType;
        Validator = validator;
        State = state;
    }

    public JsonTypeInfo<RecommendationRequest> RequestType { get; }

    public JsonTypeInfo<RecommendationResponse> ResponseType { get; }

    public IValidator<RecommendationRequest> Validator { get; }

    public CatalogState State { get; }

    public static RequestPipeline Create()
    {
        var services = new ServiceCollection().AddOptions().AddApiJson().AddRequestValidation().BuildServiceProvider();
        var json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        json.MakeReadOnly(populateMissingResolver: true);
        var state = new CatalogState();
        state.Set(ActionCatalog.LoadEmbedded());
        return new RequestPipeline(
            (JsonTypeInfo<RecommendationRequest>)json.GetTypeInfo(typeof(RecommendationRequest)),
            (JsonTypeInfo<RecommendationResponse>)json.GetTypeInfo(typeof(RecommendationResponse)),
            services.GetRequiredService<IValidator<RecommendationRequest>>(),
            state);
    }
}
