using System.Text.Json;
using System.Text.Json.Nodes;
using RefineService.Api.Contracts;

namespace RefineService.Cli;

/// <summary>
/// An account's answer as files, for a campaign to review and apply piece by piece:
/// <c>summary.json</c> (the shared policies, totals and warnings: the NDJSON answer's last line),
/// <c>principals/NAME.json</c> (each principal's answer: its NDJSON line),
/// <c>principals/NAME/POLICY.json</c> (each document its steps create, ready for <c>aws iam create-policy --policy-document file://...</c>), and
/// <c>shared/POLICY.json</c> (each shared policy's refined document, for <c>aws iam create-policy-version --set-as-default</c> or <c>put-group-policy</c>).
/// Names come from the principals' and policies' names (<see cref="FileNames"/>).
/// </summary>
internal static class AccountFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string folder, AccountRecommendationResponse answer, ServicePipeline pipeline, CancellationToken cancellationToken)
    {
        try
        {
            var principals = Directory.CreateDirectory(Path.Combine(folder, "principals")).FullName;
            var shared = Directory.CreateDirectory(Path.Combine(folder, "shared")).FullName;
            var principalNames = new FileNames();
            foreach (var principal in answer.Principals)
            {
                var name = principalNames.For(principal.PrincipalArn is { } arn ? FileNames.OfArn(arn) : "no-principal");
                await File.WriteAllTextAsync(Path.Combine(principals, name + ".json"), pipeline.Write(principal), cancellationToken);

                var documents = principal.FindingRecommendation.RecommendedSteps.Select(s => s.UnusedPermissionsRecommendedStep)
                    .Where(s => s.RecommendedAction == RecommendedRemediationAction.CreatePolicy && s.RecommendedPolicy is not null).ToList();
                if (documents.Count == 0)
                {
                    continue;
                }

                var own = Directory.CreateDirectory(Path.Combine(principals, name)).FullName;
                var policyNames = new FileNames();
                foreach (var step in documents)
                {
                    await File.WriteAllTextAsync(Path.Combine(own, policyNames.For(FileNames.OfPolicy(step.ExistingPolicyId), ".json")), Pretty(step.RecommendedPolicy!), cancellationToken);
                }
            }

            var sharedNames = new FileNames();
            foreach (var policy in answer.SharedPolicies.Where(s => s.Recommendation is { RecommendedAction: RecommendedAction.CreatePolicy, RecommendedPolicy: not null }))
            {
                var document = policy.Recommendation!.RecommendedPolicy!.ToJson(new JsonWriterOptions { Indented = true });
                await File.WriteAllTextAsync(Path.Combine(shared, sharedNames.For(FileNames.OfPolicy(policy.PolicyId), ".json")), document, cancellationToken);
            }

            var summary = new AccountSummary { CatalogVersion = answer.CatalogVersion, SharedPolicies = answer.SharedPolicies, Totals = answer.Totals, Warnings = answer.Warnings };
            await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), pipeline.Write(summary), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--out: cannot write into '{folder}': {ex.Message}");
        }
    }

    // A step carries its document as IAM's compact text; people review it indented.
    private static string Pretty(string document) => JsonNode.Parse(document)!.ToJsonString(Indented);
}
