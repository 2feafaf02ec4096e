using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RefineService.Api.OpenApi;

/// <summary>Puts the example file named by an endpoint's <see cref="RequestExampleMetadata"/> into its request body.</summary>
internal sealed class RequestExampleOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().FirstOrDefault();
        if (example is null || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        foreach (var media in content.Values)
        {
            media.Example = RequestExamples.Load(example.Name);
        }

        // The handler takes its body as optional only so that an empty one is answered in the service's words; a body is required.
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }
    }
}
