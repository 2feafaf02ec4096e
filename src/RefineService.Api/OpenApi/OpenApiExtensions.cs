using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;
using RefineService.Api.Security;
using Swashbuckle.AspNetCore.SwaggerGen;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Api.OpenApi;

/// <summary>The OpenAPI document (Swashbuckle) at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class OpenApiExtensions
{
    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "RefineService",
                Version = "v1",
                Description =
                    "Refines AWS IAM policies by removing the actions IAM Access Analyzer reports as unused, keeping each policy's structure. " +
                    "Every error is `application/problem+json`; a client's mistakes are `400` validation problems whose `errors` keys are " +
                    "JSON paths into the request body (`$.policies[0].document.Statement[1].Effect`, `$` for the body as a whole).",
            });

            // Field descriptions come from the contracts' XML documentation.
            swagger.IncludeXmlComments(Assembly.GetExecutingAssembly());
            swagger.SupportNonNullableReferenceTypes();

            // A field that refers to another schema keeps its own description.
            swagger.UseAllOfToExtendReferenceSchemas();
            swagger.MapType<PolicyDocument>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "An IAM policy document.",
            });
            swagger.MapType<DeferredPolicyDocument>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "An IAM policy document.",
            });
            swagger.MapType<AwsTimestamp>(() => new OpenApiSchema
            {
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "ISO 8601 (\"2024-06-10T13:45:00Z\", an offset, fractions of seconds), or Python's \"2024-06-10 13:45:00+00:00\"." },
                    new OpenApiSchema { Type = JsonSchemaType.Number, Description = "Epoch seconds, e.g. 1718027100 or 1718027100.5." },
                ],
                Description = "A timestamp as AWS's tools print one.",
                Example = System.Text.Json.Nodes.JsonValue.Create("2024-06-10T13:45:00.512000+00:00"),
            });

            // An account's finding is kept as sent until its principal is answered; on the wire it is a Finding.
            swagger.MapType<RawFinding>(() => new OpenApiSchemaReference(nameof(Finding)));
            swagger.OperationFilter<RequestExampleOperationFilter>();
            swagger.OperationFilter<ResponseDescriptionOperationFilter>();
            swagger.SchemaFilter<ContractSchemaFilter>();
        });

        // With API keys configured, the document says so and Swagger UI's Authorize button sends the key.
        services.AddOptions<SwaggerGenOptions>().Configure<ApiKeyStore>((swagger, keys) =>
        {
            if (!keys.IsEnabled)
            {
                return;
            }

            swagger.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyOptions.HeaderName,
                Description = "The API key this service was given for your client.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, document)] = [],
            });
        });

        // Schemas follow the JSON settings the endpoints use: camelCase names, enums as strings.
        services.AddTransient<ISerializerDataContractResolver>(provider =>
            new JsonSerializerDataContractResolver(provider.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions));
        return services;
    }

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "RefineService");
        return app;
    }
}
