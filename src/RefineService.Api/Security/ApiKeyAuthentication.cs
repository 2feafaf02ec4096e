using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RefineService.Api.Security;

/// <summary>Optional API-key authentication of the API: off unless keys are configured (<see cref="ApiKeyOptions"/>), then every API call needs a valid key.</summary>
public static class ApiKeyAuthentication
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy of the API's endpoints: a valid key when keys are configured, anyone otherwise.</summary>
    public const string Policy = "api-client";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();

        // AddAuthentication would also register DataProtection, whose key ring is made at every start and, in a container,
        // warned about twice (a key neither encrypted nor kept). Only handlers that hand out tickets (cookies, remote sign-in)
        // protect anything; an API key is compared, never protected, so the core services and the scheme are all it takes.
        services.AddAuthenticationCore(authentication => authentication.DefaultScheme = Scheme);
        services.AddWebEncoders();
        services.TryAddSingleton(TimeProvider.System);
        new AuthenticationBuilder(services).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, configureOptions: null);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<ApiKeyStore>((authorization, keys) =>
            authorization.AddPolicy(Policy, policy =>
            {
                if (keys.IsEnabled)
                {
                    policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser();
                }
                else
                {
                    policy.RequireAssertion(_ => true);
                }
            }));
        return services;
    }
}
