using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Json;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RefineService.Cli.Tests;

/// <summary>The JSON settings the service registers, to read the tool's answers into the service's contracts.</summary>
public static class ServiceJson
{
    public static JsonSerializerOptions Options { get; } = new ServiceCollection().AddApiJson().BuildServiceProvider()
        .GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
}
