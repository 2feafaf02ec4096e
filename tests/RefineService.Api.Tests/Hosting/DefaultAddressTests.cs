using Microsoft.Extensions.Configuration;
using RefineService.Api.Hosting;

namespace RefineService.Api.Tests.Hosting;

public class DefaultAddressTests
{
    [Fact]
    public void WithNothingConfiguredTheServiceListensOnLocalhost8080()
    {
        Assert.False(DefaultAddress.IsConfigured(new ConfigurationBuilder().Build()));
        Assert.Equal("http://localhost:8080", DefaultAddress.Url);
    }

    // The keys ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS become; Kestrel endpoints win over URLs anyway.
    [Theory]
    [InlineData("urls", "http://127.0.0.1:9000")]
    [InlineData("URLS", "http://127.0.0.1:9000")]
    [InlineData("HTTP_PORTS", "9000")]
    [InlineData("HTTPS_PORTS", "9443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:9000")]
    public void AnyConfiguredUrlPortOrEndpointWinsOverTheDefault(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        Assert.True(DefaultAddress.IsConfigured(configuration));
    }

    [Fact]
    public void UrlsGivenOnTheCommandLineWinOverTheDefault()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--urls", "http://127.0.0.1:9000"]).Build();
        Assert.True(DefaultAddress.IsConfigured(configuration));
    }
}
