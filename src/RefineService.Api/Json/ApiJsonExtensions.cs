using System.Text.Json;
using System.Text.Json.Serialization;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;

namespace RefineService.Api.Json;

/// <summary>The JSON settings of every request and answer.</summary>
public static class ApiJsonExtensions
{
    public static IServiceCollection AddApiJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);

            // Enums travel as camelCase strings ("modified"); a member's JsonStringEnumMemberName wins ("CREATE_POLICY").
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));

            // Access Analyzer's recommendation, written without the generic writer's state copies (the finding's budget, docs/performance.md).
            json.SerializerOptions.Converters.Add(new FindingRecommendationConverter());

            // A key given twice in a document is a mistake IAM refuses too; refuse it while binding (400), never guess.
            json.SerializerOptions.AllowDuplicateProperties = false;

            // A policy document may nest RequestLimits.MaxJsonDepth levels from the body's root (its reader refuses more, at the
            // path); the reader's own limit lies above that, and an answer nests a policy deeper than its request did
            // ($.policy is $.recommendations[0].recommendedPolicy), so writing needs more too.
            json.SerializerOptions.MaxDepth = 2 * RequestLimits.MaxJsonDepth;
        });

        // Minimal APIs then throw on unreadable bodies, so the exception handler can answer with the JSON error's line and position.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        return services;
    }
}
