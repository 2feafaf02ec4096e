using RefineService.Core.Catalog;

namespace RefineService.Core.Tests.Catalog;

public class ActionWordsTests
{
    [Theory]
    [InlineData("GetBucketPolicyStatus", "Get|Bucket|Policy|Status")]
    [InlineData("GetBucketCORS", "Get|Bucket|CORS")]
    [InlineData("GetSSHPublicKey", "Get|SSH|Public|Key")]
    [InlineData("AssignIpv6Addresses", "Assign|Ipv6|Addresses")]
    [InlineData("CreateDBInstance", "Create|DB|Instance")]
    [InlineData("Invoke", "Invoke")]
    [InlineData("GetObject", "Get|Object")]
    [InlineData("PutS3AccessPoint", "Put|S3|Access|Point")]
    [InlineData("listTags", "list|Tags")]
    public void ActionNamesSplitIntoWordsAtCaseChanges(string name, string expected) =>
        Assert.Equal(expected, string.Join('|', ActionWords.Split(name)));
}
