using FluentValidation;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>Validates an endpoint's <typeparamref name="T"/> argument; a request that breaks a rule gets 400 with the errors keyed by JSON path.</summary>
internal sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // A body that is empty or a bare null binds as null: the endpoints take their body as optional so that this says why.
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } argument)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [JsonPath.Root] = ["The request has no body; send a JSON object."] },
                detail: "The request body could not be read; the key is the JSON path where reading stopped.");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        return TypedResults.ValidationProblem(ByPath(result), detail: "The request breaks the rules below; each key is the JSON path of the field concerned.");
    }

    /// <summary>The broken rules as the answer gives them: sentences keyed by the JSON path of the field concerned.</summary>
    public static Dictionary<string, string[]> ByPath(FluentValidation.Results.ValidationResult result) => result.Errors
        .GroupBy(failure => failure.PropertyName.Length == 0 ? JsonPath.Root : JsonPath.Rebase(failure.PropertyName, JsonPath.Root), StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}

/// <summary>Registers the validators and applies them to endpoints.</summary>
public static class ValidationExtensions
{
    public static IServiceCollection AddRequestValidation(this IServiceCollection services)
    {
        // Error keys are JSON paths as the client wrote the body: camelCase names, as in "policies[0].kind", or the name an
        // AWS shape gives a member (IAM's PascalCase "JobStatus").
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null
            : System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>(member)?.Name
                ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssemblyContaining<RecommendationRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    /// <summary>Validates the endpoint's <typeparamref name="T"/> argument before the handler runs, and says so in the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
