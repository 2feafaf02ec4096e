using System.Net;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Contracts;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

public class ErrorTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnUnknownRouteGets404ProblemDetails()
    {
        using var response = await _client.GetPathAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        var body = await response.ReadJsonAsync();
        Assert.Equal(404, (int)body["status"]!);
        Assert.NotNull(body["traceId"]);
    }

    [Fact]
    public async Task AWrongMethodGets405ProblemDetails()
    {
        using var response = await _client.GetPathAsync("/v1/recommendations");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        using var response = await _client.GetPathAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnexpectedExceptionGets500ProblemDetailsWithATraceIdAndNothingElse()
    {
        await using var failing = new FailingValidatorFactory();
        using var client = failing.CreateClient();

        using var response = await client.PostJsonTextAsync("/v1/actions/expand", """{ "patterns": ["s3:Get*"] }""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        var body = await response.ReadJsonAsync();
        Assert.Equal(["type", "title", "status", "traceId"], body.Select(p => p.Key));
        Assert.DoesNotContain("a bug", body.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The service with a validator that throws, standing for any bug.</summary>
    private sealed class FailingValidatorFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            builder.ConfigureTestServices(services => services.AddSingleton<IValidator<ExpandActionsRequest>, ThrowingValidator>());
        }

        private sealed class ThrowingValidator : AbstractValidator<ExpandActionsRequest>
        {
            public override ValidationResult Validate(ValidationContext<ExpandActionsRequest> context) => throw new InvalidOperationException("a bug");

            public override Task<ValidationResult> ValidateAsync(ValidationContext<ExpandActionsRequest> context, CancellationToken cancellation = default) =>
                throw new InvalidOperationException("a bug");
        }
    }
}
