using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace RefineService.Api.Contracts;

/// <summary>Source-generated JSON metadata for the request and response contracts (camelCase, as on the wire).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecommendationRequest))]
[JsonSerializable(typeof(RecommendationResponse))]
[JsonSerializable(typeof(AccountRecommendationRequest))]
[JsonSerializable(typeof(AccountRecommendationResponse))]
[JsonSerializable(typeof(AccountSummary))]
[JsonSerializable(typeof(PrincipalRecommendation))]
[JsonSerializable(typeof(List<AccountAuthorizationDetails?>))]
[JsonSerializable(typeof(ExpandActionsRequest))]
[JsonSerializable(typeof(ExpandActionsResponse))]
[JsonSerializable(typeof(CatalogInfo))]
[JsonSerializable(typeof(ServiceList))]
[JsonSerializable(typeof(ServiceDetail))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
