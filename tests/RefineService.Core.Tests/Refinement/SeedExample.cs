using RefineService.Core.Policies;
using RefineService.Core.Refinement;

namespace RefineService.Core.Tests.Refinement;

/// <summary>The policy and unused permissions of the seed article's example.</summary>
public static class SeedExample
{
    public const string PolicyJson = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "lambda:AddPermission",
                "lambda:GetFunctionConfiguration",
                "lambda:UpdateFunctionConfiguration",
                "lambda:UpdateFunctionCode",
                "lambda:CreateFunction",
                "lambda:DeleteFunction",
                "lambda:ListVersionsByFunction",
                "lambda:GetFunction",
                "lambda:Invoke*"
              ],
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:my-lambda"
            },
            {
              "Effect": "Allow",
              "Action": [
                "s3:Get*",
                "s3:List*"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    public static PolicyDocument Policy => PolicyDocument.Parse(PolicyJson);

    public static IReadOnlyList<UnusedServiceActions> Unused { get; } =
    [
        new("lambda", [
            "UpdateFunctionCode", "GetFunction", "ListVersionsByFunction", "UpdateFunctionConfiguration",
            "CreateFunction", "DeleteFunction", "GetFunctionConfiguration", "AddPermission",
        ]),
        new("s3", [
            "GetBucketLocation", "GetBucketWebsite", "GetBucketPolicyStatus", "GetAccelerateConfiguration",
            "GetBucketPolicy", "GetBucketRequestPayment", "GetReplicationConfiguration", "GetBucketLogging",
            "GetBucketObjectLockConfiguration", "GetBucketNotification", "GetLifecycleConfiguration",
            "GetAnalyticsConfiguration", "GetBucketCORS", "GetInventoryConfiguration", "GetBucketPublicAccessBlock",
            "GetEncryptionConfiguration", "GetBucketAcl", "GetBucketVersioning", "GetBucketOwnershipControls",
            "GetBucketTagging", "GetIntelligentTieringConfiguration", "GetMetricsConfiguration",
        ]),
    ];
}
