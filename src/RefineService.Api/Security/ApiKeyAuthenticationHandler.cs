using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RefineService.Api.Errors;

namespace RefineService.Api.Security;

/// <summary>
/// Authenticates a request by the key in its <c>X-Api-Key</c> header as the client the key belongs to; answers a
/// challenge with 401 problem details. The key itself is never logged nor echoed.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.IsEnabled || !Request.Headers.TryGetValue(ApiKeyOptions.HeaderName, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (presented.Count != 1 || keys.FindClient(presented[0] ?? string.Empty) is not { } client)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyOptions.HeaderName}\"";
        await Context.WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "An API key is needed",
            Request.Headers.ContainsKey(ApiKeyOptions.HeaderName)
                ? $"The key in the {ApiKeyOptions.HeaderName} header is not a key of this service."
                : $"Send your API key in the {ApiKeyOptions.HeaderName} header.");
    }
}
