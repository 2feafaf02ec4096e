using Microsoft.Extensions.Options;

namespace RefineService.Api.Security;

/// <summary>Checks the API keys at start-up (with <c>ValidateOnStart</c>), so that a bad key file stops the service before it serves.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var (_, problems) = ApiKeyStore.Read(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
