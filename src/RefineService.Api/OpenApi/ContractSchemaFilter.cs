using System.Reflection;
using Microsoft.OpenApi;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RefineService.Api.OpenApi;

/// <summary>
/// Describes what the contracts' types alone cannot: documents given as an object or a string, unused actions given as a
/// name or an object, the contract's own objects closed to other members while AWS's shapes stay open to them.
/// </summary>
internal sealed class ContractSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        // The contract's objects refuse members they do not define (the extension data that holds them is only the means);
        // AWS's shapes take members AWS adds later, and the answer counts them.
        if (typeof(ContractObject).IsAssignableFrom(context.Type))
        {
            concrete.AdditionalPropertiesAllowed = false;
            concrete.AdditionalProperties = null;
        }
        else if (typeof(AwsShape).IsAssignableFrom(context.Type) || context.Type == typeof(UnusedAction))
        {
            concrete.AdditionalPropertiesAllowed = true;
            concrete.AdditionalProperties = null;
        }

        // The authorization details are one IAM answer, or its pages in a list; the record that holds them is only the means.
        if (context.Type == typeof(AuthorizationDetailsPages))
        {
            var page = context.SchemaGenerator.GenerateSchema(typeof(AccountAuthorizationDetails), context.SchemaRepository);
            concrete.Type = null;
            concrete.Properties?.Clear();
            concrete.Required?.Clear();
            concrete.AdditionalPropertiesAllowed = true;
            concrete.Description = "The output of `aws iam get-account-authorization-details` (the CLI's pages merged), or its pages in a list.";
            concrete.OneOf = [page, new OpenApiSchema { Type = JsonSchemaType.Array, Items = page }];
            return;
        }

        if (context.MemberInfo is not PropertyInfo property)
        {
            return;
        }

        // A request's documents are read as objects or as strings holding one; an answer's are objects.
        if ((property.PropertyType == typeof(PolicyDocument) && property.DeclaringType != typeof(PolicyRecommendation)) || property.PropertyType == typeof(DeferredPolicyDocument))
        {
            // The document may be left out (a request gives `policy` or `policies`): only the null of the type is kept.
            concrete.Type = JsonSchemaType.Null;
            concrete.OneOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The policy document." },
                new OpenApiSchema { Type = JsonSchemaType.String, Description = "The policy document's JSON as a string." },
            ];
        }
        else if (property.DeclaringType == typeof(UnusedPermissionEntry) && property.Name == nameof(UnusedPermissionEntry.Actions))
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
        else if (property.DeclaringType == typeof(RecommendationRequest) && property.Name == nameof(RecommendationRequest.UsedActions))
        {
            concrete.Items = new OpenApiSchema
            {
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String, Description = "An action with its service prefix, e.g. s3:GetObject." },
                    context.SchemaGenerator.GenerateSchema(typeof(UsedAction), context.SchemaRepository),
                ],
            };
        }
    }
}
