using System.Net;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RefineService.Api.Contracts;
using RefineService.Api.Limits;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests.Hardening;

/// <summary>Work past the request time limit is cancelled and answered 503, and the service goes on serving.</summary>
public sealed class RequestTimeLimitTests
{
    private const string Expand = "/v1/actions/expand";

    [Fact]
    public async Task WorkPastTheTimeLimitIsCancelledAndAnswered503ProblemDetailsAndTheServiceGoesOnServing()
    {
        var stuck = new StuckValidator();
        await using var factory = await ConfiguredApiFactory.StartAsync(
            new Dictionary<string, string?> { ["RequestTimeLimit:Timeout"] = "00:00:00.200" },
            services => services
                .AddSingleton<IValidator<ExpandActionsRequest>>(stuck)
                .AddSingleton<TimeLimitSwitch>()
                .AddSingleton<IOptionsMonitor<RequestTimeoutOptions>>(provider => provider.GetRequiredService<TimeLimitSwitch>()));
        var limit = factory.Services.GetRequiredService<TimeLimitSwitch>();
        using var client = factory.CreateClient();

        // The 200 ms limit holds for the slow request alone: the one before it warms the request path, so that the slow
        // one reaches its work well within the limit, and the ones after it are not raced against the clock.
        using var warm = await client.PostJsonTextAsync(Expand, """{ "patterns": ["s3:GetObject"] }""");
        limit.IsOn = true;
        using var slow = await client.PostJsonTextAsync(Expand, $$"""{ "patterns": ["{{StuckValidator.Pattern}}"] }""");
        limit.IsOn = false;
        using var next = await client.GetPathAsync("/v1/catalog");
        using var again = await client.PostJsonTextAsync(Expand, """{ "patterns": ["s3:GetObject"] }""");
        using var ready = await client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, slow.StatusCode);
        Assert.Equal("application/problem+json", slow.Content.Headers.ContentType?.MediaType);
        // Problem details are read as untyped JSON: their wire form is what is checked.
        var problem = await slow.ReadJsonAsync();
        Assert.Equal("The request took too long", (string?)problem["title"]);
        Assert.StartsWith("The service stopped working on this request after 0.2 seconds", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.True(stuck.Cancelled.Task.IsCompletedSuccessfully, "the work was not told to stop");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task TheTimeLimitDoesNotApplyToTheProbes()
    {
        await using var factory = await ConfiguredApiFactory.StartAsync(new Dictionary<string, string?> { ["RequestTimeLimit:Timeout"] = "00:00:00.001" });
        using var client = factory.CreateClient();

        using var ready = await client.GetPathAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public void ATimeLimitThatIsNotPositiveStopsTheServiceFromStarting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RequestTimeLimit:Timeout"] = "00:00:00" }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRequestTimeLimit().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Timeout", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Stands for work that takes long: a request for <see cref="Pattern"/> waits until it is cancelled, and says so; any other passes.</summary>
    private sealed class StuckValidator : AbstractValidator<ExpandActionsRequest>
    {
        public const string Pattern = "s3:Stuck*";

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<ValidationResult> ValidateAsync(ValidationContext<ExpandActionsRequest> context, CancellationToken cancellation = default)
        {
            if (context.InstanceToValidate.Patterns?.Contains(Pattern) != true)
            {
                return new ValidationResult();
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }

            return new ValidationResult();
        }
    }

    /// <summary>
    /// The request timeouts as the service configures them while <see cref="IsOn"/>, and with its time limit lifted
    /// while not: the timeouts middleware reads <see cref="CurrentValue"/> afresh for every request.
    /// </summary>
    private sealed class TimeLimitSwitch(IOptionsFactory<RequestTimeoutOptions> factory) : IOptionsMonitor<RequestTimeoutOptions>
    {
        private readonly RequestTimeoutOptions _configured = factory.Create(Options.DefaultName);
        private readonly RequestTimeoutOptions _lifted = Lifted();

        public bool IsOn { get; set; }

        public RequestTimeoutOptions CurrentValue => IsOn ? _configured : _lifted;

        public RequestTimeoutOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<RequestTimeoutOptions, string?> listener) => null;

        private static RequestTimeoutOptions Lifted()
        {
            var lifted = new RequestTimeoutOptions();
            lifted.AddPolicy(RequestTimeLimit.Policy, Timeout.InfiniteTimeSpan);
            return lifted;
        }
    }
}
