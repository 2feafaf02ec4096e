using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace RefineService.Container.Tests;

/// <summary>The repository's deployment files (Dockerfile, compose file, Kubernetes manifests), read as data.</summary>
internal static partial class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string KubernetesBase => Path.Combine(Root, "deploy", "kubernetes", "base");

    /// <summary>Every document of a YAML file, as JSON so that tests can walk it with indexers.</summary>
    public static IReadOnlyList<JsonNode> ReadYaml(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().JsonCompatible().Build();
        using var reader = new StreamReader(path);
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize(parser);
            if (document is not null)
            {
                documents.Add(JsonNode.Parse(serializer.Serialize(document))!);
            }
        }

        return documents;
    }

    /// <summary>The resources that the Kubernetes base's kustomization lists, in its order.</summary>
    public static IReadOnlyList<JsonNode> KubernetesResources()
    {
        var kustomization = ReadYaml(Path.Combine(KubernetesBase, "kustomization.yaml")).Single();
        return kustomization["resources"]!.AsArray()
            .SelectMany(file => ReadYaml(Path.Combine(KubernetesBase, file!.GetValue<string>())))
            .ToList();
    }

    public static JsonNode KubernetesResource(string kind) =>
        KubernetesResources().Single(r => r["kind"]!.GetValue<string>() == kind);

    public static JsonNode ComposeService() =>
        ReadYaml(Path.Combine(Root, "docker-compose.yml")).Single()["services"]!["refineservice"]!;

    /// <summary>The Dockerfile's instructions, with continuation lines joined.</summary>
    public static IReadOnlyList<string> DockerfileInstructions() =>
        File.ReadAllText(Path.Combine(Root, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

    /// <summary>The command of the Dockerfile's HEALTHCHECK, as the exec-form array it is written in.</summary>
    public static IReadOnlyList<string> DockerfileHealthCheck()
    {
        var instruction = DockerfileInstructions().Single(i => i.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var command = HealthCheckCommand().Match(instruction);
        Assert.True(command.Success, $"HEALTHCHECK is not in exec form: {instruction}");
        return JsonNode.Parse(command.Groups["command"].Value)!.AsArray().Select(n => n!.GetValue<string>()).ToList();
    }

    /// <summary>A value set with ENV in the Dockerfile's final stage.</summary>
    public static string? DockerfileEnvironment(string name)
    {
        var pattern = new Regex($@"(?:^|\s){Regex.Escape(name)}=(?<value>\S+)");
        return DockerfileInstructions()
            .Where(i => i.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(i => pattern.Match(i))
            .Where(m => m.Success)
            .Select(m => m.Groups["value"].Value)
            .LastOrDefault();
    }

    public static int Int(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value => int.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("missing number"),
    };

    public static bool Bool(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value => bool.Parse(value.GetValue<string>()),
        _ => throw new InvalidOperationException("missing flag"),
    };

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("missing value");

    [GeneratedRegex(@"\bCMD\s+(?<command>\[.*\])\s*$")]
    private static partial Regex HealthCheckCommand();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RefineService.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: RefineService.sln not found above " + AppContext.BaseDirectory);
    }
}
