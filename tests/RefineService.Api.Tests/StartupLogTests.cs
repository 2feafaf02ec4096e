using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RefineService.Api.Tests.Fixtures;

namespace RefineService.Api.Tests;

/// <summary>
/// A start writes nothing an operator would have to look into. The service protects no data (no cookies, no
/// antiforgery; an API key is compared, never protected), so it registers no DataProtection, which would otherwise make
/// a key at every start of a container and warn that it is neither encrypted nor kept.
/// </summary>
public sealed class StartupLogTests(ApiFactory factory)
{
    [Fact]
    public void TheServiceRegistersNoDataProtection()
    {
        Assert.Null(factory.Services.GetService<IDataProtectionProvider>());
    }

    [Fact]
    public async Task AStartInAContainerWritesNoWarningAndNoKey()
    {
        // As in the image: a home directory without keys from an earlier run, and the runtime told it runs in a container.
        var home = Directory.CreateTempSubdirectory("refineservice-home-");
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home.FullName, ["DOTNET_RUNNING_IN_CONTAINER"] = "true" };
            string output;
            await using (var service = await ServiceProcess.StartAsync(environment, TestContext.Current.CancellationToken))
            {
                // Stopped, so that every line it wrote has been read.
                service.Terminate();
                Assert.NotNull(await service.WaitForExitAsync(TimeSpan.FromMinutes(1)));
                output = service.Output;
            }

            Assert.DoesNotContain(output.Split('\n'), line => line.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal)
                || line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)
                || line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal));
            Assert.Empty(home.EnumerateFileSystemInfos("*", SearchOption.AllDirectories));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
