using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RefineService.Api.Health;
using static RefineService.Container.Tests.RepositoryFiles;

namespace RefineService.Container.Tests.Deployment;

/// <summary>The Kubernetes base agrees with the service it deploys: probe paths, port, shutdown timing, selectors.</summary>
public sealed class KubernetesManifestTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    private static JsonNode PodSpec => KubernetesResource("Deployment")["spec"]!["template"]!["spec"]!;

    private static JsonNode ServiceContainer => PodSpec["containers"]!.AsArray().Single()!;

    [Fact]
    public void KustomizationHoldsTheDeploymentAndWhatScalesAndGuardsIt()
    {
        var kinds = KubernetesResources().Select(r => Text(r["kind"])).Order();

        Assert.Equal(["Deployment", "HorizontalPodAutoscaler", "NetworkPolicy", "PodDisruptionBudget", "Service"], kinds);
    }

    [Fact]
    public async Task EveryProbePathInTheDeploymentIsServedSuccessfully()
    {
        var probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }
            .ToDictionary(name => name, name => ServiceContainer[name]?["httpGet"]);
        Assert.All(probes, probe => Assert.NotNull(probe.Value));
        using var client = factory.CreateClient();

        foreach (var path in probes.Values.Select(p => Text(p!["path"])).Distinct())
        {
            Assert.Equal(HttpStatusCode.OK, await StatusOnceSettledAsync(client, path));
        }

        Assert.Equal(HealthEndpoints.LivePath, Text(probes["livenessProbe"]!["path"]));
        Assert.Equal(HealthEndpoints.ReadyPath, Text(probes["readinessProbe"]!["path"]));
    }

    [Fact]
    public void ContainerPortIsThePortTheImageListensOn()
    {
        var port = ServiceContainer["ports"]!.AsArray().Single()!;

        Assert.Equal(8080, Int(port["containerPort"]));
        Assert.Equal("8080", DockerfileEnvironment("ASPNETCORE_HTTP_PORTS"));
        Assert.Equal(8080, HealthProbe.DefaultUri(DockerfileEnvironment("ASPNETCORE_HTTP_PORTS")).Port);
    }

    [Fact]
    public void ProbesServiceAndNetworkPolicyAllTargetTheContainerPort()
    {
        var port = ServiceContainer["ports"]!.AsArray().Single()!;
        int Resolve(JsonNode? target) =>
            target is JsonValue v && v.TryGetValue<string>(out var name) && !int.TryParse(name, out _)
                ? (Text(port["name"]) == name ? Int(port["containerPort"]) : throw new InvalidOperationException($"no container port named {name}"))
                : Int(target);

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            Assert.Equal(8080, Resolve(ServiceContainer[probe]!["httpGet"]!["port"]));
        }

        Assert.Equal(8080, Resolve(KubernetesResource("Service")["spec"]!["ports"]!.AsArray().Single()!["targetPort"]));
        var admitted = KubernetesResource("NetworkPolicy")["spec"]!["ingress"]!.AsArray().Single()!["ports"]!.AsArray().Single()!;
        Assert.Equal(8080, Resolve(admitted["port"]));
    }

    [Fact]
    public void TerminationGraceOutlastsThePreStopPauseAndTheServiceShutdownTimeout()
    {
        var shutdownTimeout = factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var configured = ReadJsonFile(Path.Combine(Root, "src", "RefineService.Api", "appsettings.json"))["shutdownTimeoutSeconds"];
        var preStop = TimeSpan.FromSeconds(Int(ServiceContainer["lifecycle"]?["preStop"]?["sleep"]?["seconds"] ?? JsonValue.Create(0)));
        var grace = TimeSpan.FromSeconds(Int(PodSpec["terminationGracePeriodSeconds"]));

        Assert.Equal(TimeSpan.FromSeconds(Int(configured)), shutdownTimeout);
        Assert.True(grace > preStop + shutdownTimeout, $"grace {grace} is not longer than preStop {preStop} + shutdown timeout {shutdownTimeout}");
    }

    [Fact]
    public void PodsRunAsNonRootWithAReadOnlyRootAndNoCapabilities()
    {
        var pod = PodSpec["securityContext"]!;
        var container = ServiceContainer["securityContext"]!;

        Assert.True(Bool(pod["runAsNonRoot"]));
        Assert.NotEqual(0, Int(pod["runAsUser"]));
        Assert.Equal("RuntimeDefault", Text(pod["seccompProfile"]!["type"]));
        Assert.True(Bool(container["readOnlyRootFilesystem"]));
        Assert.False(Bool(container["allowPrivilegeEscalation"]));
        Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(Text));
    }

    [Fact]
    public void DeploymentRunsAtLeastTwoReplicasWithRequestsAndLimits()
    {
        var resources = ServiceContainer["resources"]!;

        Assert.True(Int(KubernetesResource("Deployment")["spec"]!["replicas"]) >= 2);
        Assert.True(Int(KubernetesResource("HorizontalPodAutoscaler")["spec"]!["minReplicas"]) >= 2);
        Assert.All(new[] { "requests", "limits" }, kind =>
        {
            Assert.NotNull(resources[kind]?["cpu"]);
            Assert.NotNull(resources[kind]?["memory"]);
        });
    }

    [Fact]
    public void ServiceBudgetAndPolicySelectTheDeploymentsPods()
    {
        var deployment = KubernetesResource("Deployment");
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        bool SelectsPods(JsonNode? selector) =>
            selector is JsonObject labels && labels.Count > 0
            && labels.All(l => podLabels.TryGetPropertyValue(l.Key, out var v) && Text(v) == Text(l.Value));

        Assert.True(SelectsPods(deployment["spec"]!["selector"]!["matchLabels"]));
        Assert.True(SelectsPods(KubernetesResource("Service")["spec"]!["selector"]));
        Assert.True(SelectsPods(KubernetesResource("PodDisruptionBudget")["spec"]!["selector"]!["matchLabels"]));
        Assert.True(SelectsPods(KubernetesResource("NetworkPolicy")["spec"]!["podSelector"]!["matchLabels"]));
        var scaled = KubernetesResource("HorizontalPodAutoscaler")["spec"]!["scaleTargetRef"]!;
        Assert.Equal((Text(deployment["kind"]), Text(deployment["metadata"]!["name"])), (Text(scaled["kind"]), Text(scaled["name"])));
    }

    [Fact]
    public void NetworkPolicyAdmitsOnlyLabelledClientNamespaces()
    {
        var spec = KubernetesResource("NetworkPolicy")["spec"]!;
        var sources = spec["ingress"]!.AsArray().SelectMany(rule => rule!["from"]!.AsArray()).ToList();

        Assert.Contains("Ingress", spec["policyTypes"]!.AsArray().Select(Text));
        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            Assert.Equal(["namespaceSelector"], source!.AsObject().Select(p => p.Key));
            Assert.NotEmpty(source["namespaceSelector"]!["matchLabels"]!.AsObject());
        });
    }

    [Fact]
    public async Task TheScrapeConfigurationPointsPrometheusAtTheServicesMetrics()
    {
        var annotations = KubernetesResource("Deployment")["spec"]!["template"]!["metadata"]!["annotations"]!;
        var monitor = ReadYaml(Path.Combine(Root, "deploy", "kubernetes", "components", "prometheus-operator", "servicemonitor.yaml")).Single();
        var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Single()!;
        var servicePort = KubernetesResource("Service")["spec"]!["ports"]!.AsArray().Single()!;
        using var client = factory.CreateClient();

        using var scraped = await client.GetAsync(new Uri(Text(annotations["prometheus.io/path"]), UriKind.Relative), TestContext.Current.CancellationToken);
        var metrics = await scraped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("true", Text(annotations["prometheus.io/scrape"]));
        Assert.Equal("8080", Text(annotations["prometheus.io/port"]));
        Assert.Equal(Text(annotations["prometheus.io/path"]), Text(endpoint["path"]));
        Assert.Equal(Text(servicePort["name"]), Text(endpoint["port"]));
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("refineservice_catalog_actions", metrics, StringComparison.Ordinal);
    }

    private static JsonNode ReadJsonFile(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;

    /// <summary>The probe's answer once the service has had time to load its catalog (readiness answers 503 until then).</summary>
    private static async Task<HttpStatusCode> StatusOnceSettledAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
