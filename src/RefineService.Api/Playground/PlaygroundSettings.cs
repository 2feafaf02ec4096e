namespace RefineService.Api.Playground;

/// <summary>What the playground page reads of the service's configuration (<c>/playground/config.json</c>).</summary>
/// <param name="ApiKeyRequired">Whether API keys are configured, so that the page asks for one.</param>
/// <param name="ApiKeyHeader">The header the key goes in.</param>
/// <param name="Examples">The example files the page loads with one click.</param>
public sealed record PlaygroundSettings(bool ApiKeyRequired, string ApiKeyHeader, PlaygroundExamples Examples);

/// <summary>The seed example's files, served under <c>/playground/examples/</c>.</summary>
/// <param name="Policy">The policy document.</param>
/// <param name="Finding">The finding, as <c>aws accessanalyzer get-finding-v2</c> prints it.</param>
public sealed record PlaygroundExamples(string Policy, string Finding);
