using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RefineService.Api.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RefineService.Api.OpenApi;

/// <summary>Describes what the contracts' types alone cannot: documents given as an object or a string, unused actions given as a name or an object, string fields with a fixed set of values.</summary>
internal sealed class ContractSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        // Access Analyzer's findingDetails also hold items of other kinds, which are accepted and ignored.
        if (context.Type == typeof(FindingDetail))
        {
            concrete.AdditionalPropertiesAllowed = true;
        }

        if (context.MemberInfo is not PropertyInfo property)
        {
            return;
        }

        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            concrete.Enum = [.. allowed.Values.OfType<string>().Select(value => (JsonNode)JsonValue.Create(value))];
        }

        if (property.PropertyType == typeof(JsonElement?))
        {
            concrete.OneOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The policy document." },
                new OpenApiSchema { Type = JsonSchemaType.String, Description = "The policy document's JSON as a string." },
            ];
        }
        else if (property.PropertyType == typeof(IReadOnlyList<JsonElement>))
        {
            concrete.Items = new OpenApiSchema
            {
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String, Description = "An action name, e.g. GetBucketPolicy." },
                    context.SchemaGenerator.GenerateSchema(typeof(UnusedAction), context.SchemaRepository),
                ],
            };
        }
    }
}
