using System.Globalization;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using RefineService.Api.Health;
using static RefineService.Container.Tests.RepositoryFiles;

namespace RefineService.Container.Tests.Image;

/// <summary>Containers of the service's image, run with docker-compose.yml's settings so that those are tested too.</summary>
internal static class ServiceContainers
{
    public const int HttpPort = 8080;

    public static IContainer Create(string image)
    {
        var compose = ComposeService();
        var environment = compose["environment"]!.AsObject().ToDictionary(p => p.Key, p => Text(p.Value));
        return new ContainerBuilder(image)
            .WithPortBinding(HttpPort, true)
            .WithEnvironment(environment)
            .WithCreateParameterModifier(parameters =>
            {
                var host = parameters.HostConfig ??= new HostConfig();
                host.ReadonlyRootfs = Bool(compose["read_only"]);
                host.CapDrop = compose["cap_drop"]!.AsArray().Select(Text).ToList();
                host.SecurityOpt = compose["security_opt"]!.AsArray().Select(Text).ToList();
                host.Tmpfs = compose["tmpfs"]!.AsArray().Select(Text).Select(t => t.Split(':', 2))
                    .ToDictionary(t => t[0], t => t.Length > 1 ? t[1] : string.Empty);
                host.Memory = Bytes(Text(compose["mem_limit"]));
                host.NanoCPUs = (long)(double.Parse(Text(compose["cpus"]), CultureInfo.InvariantCulture) * 1e9);
                host.PidsLimit = Int(compose["pids_limit"]);
            })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPort(HttpPort).ForPath(HealthEndpoints.ReadyPath),
                wait => wait.WithTimeout(TimeSpan.FromMinutes(1))))
            .Build();
    }

    public static Uri BaseAddress(IContainer container) =>
        new UriBuilder(Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(HttpPort)).Uri;

    /// <summary>The service's own shutdown timeout (appsettings.json), the bound on a clean stop.</summary>
    public static TimeSpan ShutdownTimeout() =>
        TimeSpan.FromSeconds(Int(JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "src", "RefineService.Api", "appsettings.json")))!["shutdownTimeoutSeconds"]));

    private static long Bytes(string size)
    {
        var unit = char.ToLowerInvariant(size[^1]);
        var scale = unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L };
        return long.Parse(char.IsLetter(unit) ? size[..^1] : size, CultureInfo.InvariantCulture) * scale;
    }
}
