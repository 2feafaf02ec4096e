using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RefineService.Api.OpenApi;

/// <summary>Puts the example files named by an endpoint's <see cref="RequestExampleMetadata"/> into its request body: one as its example, several by name.</summary>
internal sealed class RequestExampleOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var examples = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().ToList();
        if (examples.Count == 0 || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        foreach (var media in content.Values)
        {
            if (examples is [var single])
            {
                media.Example = RequestExamples.Load(single.Name);
                continue;
            }

            media.Examples = examples.ToDictionary(
                example => Path.GetFileNameWithoutExtension(example.Name),
                example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = RequestExamples.Load(example.Name) });
        }

        // The handler takes its body as optional only so that an empty one is answered in the service's words; a body is required.
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }
    }
}
