using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefineService.Api.Tests.Hardening;

/// <summary>One request the fuzz test sends: where, what body bytes, declared as what.</summary>
public sealed record FuzzRequest(string Path, byte[] Body, string ContentType, string Mutation);

/// <summary>
/// Builds malformed and hostile requests from valid ones: JSON trees with a node removed, swapped for another type,
/// null, a huge or negative number, a deep nesting, odd Unicode or a very long string; keys written twice; arrays
/// grown; bodies truncated or with invalid UTF-8. Each request depends only on the seed and its number.
/// </summary>
public static class RequestMutator
{
    public const string Recommendations = "/v1/recommendations";
    public const string Expand = "/v1/actions/expand";

    private const string Json = "application/json";

    /// <summary>Strings a careless or hostile producer might send.</summary>
    private static readonly string[] OddStrings =
    [
        string.Empty,
        " ",
        "\0",
        "\uD800",
        "\uDFFF\uD800",
        "\uFFFE\uFFFF",
        "\u202Es3:GetObject",
        "s3:Get\u200BObject",
        "s3:GetObject\u0301",
        "\U0001F600:*",
        "ｓ３:GetObject",
        "S3:GETOBJECT",
        "s3:Get*\n",
        "s3::Get",
        "*:*",
        "s3:*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*",
        "arn:aws:iam::123456789012:policy/\u0085",
        "{\"Statement\":[]}",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"},\"Statement\":1}",
        "2012-10-17",
        "prefix",
        "none",
        "inlineUser",
        "\\u0000",
        "%00%ff",
        "<script>alert(1)</script>",
        "'; DROP TABLE policies; --",
        "../../../../etc/passwd",
    ];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The valid requests mutations start from, each with its path.</summary>
    public static IReadOnlyList<(string Path, JsonObject Body)> Seeds(JsonObject seedRequest)
    {
        ArgumentNullException.ThrowIfNull(seedRequest);
        var multi = JsonNode.Parse("""
            {
              "policies": [
                { "id": "arn:aws:iam::123456789012:policy/ReadBuckets", "kind": "managed",
                  "document": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketAcl\",\"s3:GetObject\",\"s3:NoSuchAction\"],\"Resource\":\"*\"}]}" },
                { "id": "arn:aws:iam::123456789012:role/MyRole/inline/Acl", "kind": "inlineRole",
                  "document": { "Version": "2012-10-17", "Statement": { "Effect": "Allow", "NotAction": ["iam:*", "s3:Get*"], "Resource": "*" } } },
                { "document": { "Statement": [ { "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } } } ] } }
              ],
              "findingDetails": [
                { "unusedPermissionDetails": { "serviceNamespace": "s3", "actions": [ { "action": "GetBucketAcl", "lastAccessed": "2026-01-01T00:00:00Z" } ], "lastAccessed": "2026-01-01T00:00:00Z" } },
                { "unusedIamRoleDetails": { "lastAccessed": "2026-01-01T00:00:00Z" } }
              ],
              "unusedPermissions": [ { "serviceNamespace": "iam" }, { "serviceNamespace": "ec2", "actions": ["Describe*", { "action": "RunInstances" }] } ],
              "options": { "wildcards": "none", "explain": true }
            }
            """)!.AsObject();
        var expand = JsonNode.Parse("""{ "patterns": ["s3:GetObject*", "ec2:Describe?pcs", "*", "lambda:Invoke*"] }""")!.AsObject();
        return [(Recommendations, seedRequest), (Recommendations, multi), (Expand, expand)];
    }

    /// <summary>Every seed with one of its nodes removed, each node in turn.</summary>
    public static IEnumerable<FuzzRequest> EachFieldMissing(IReadOnlyList<(string Path, JsonObject Body)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        foreach (var (path, body) in seeds)
        {
            var count = Nodes(body).Count;
            for (var i = 0; i < count; i++)
            {
                var copy = body.DeepClone().AsObject();
                var (parent, key, index, _) = Nodes(copy)[i];
                if (parent is JsonObject o)
                {
                    o.Remove(key!);
                }
                else if (parent is JsonArray a)
                {
                    a.RemoveAt(index);
                }

                yield return new FuzzRequest(path, Encoding.UTF8.GetBytes(copy.ToJsonString(Relaxed)), Json, $"missing node {i}");
            }
        }
    }

    /// <summary>Request number <paramref name="number"/> of the run seeded with <paramref name="seed"/>: one to three mutations of a seed.</summary>
    public static FuzzRequest Mutate(IReadOnlyList<(string Path, JsonObject Body)> seeds, int seed, int number)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        // Not HashCode.Combine: its seed differs from one process to the next, and a run must be repeatable.
        var random = new Random(unchecked((seed * 1_000_003) + number));
        var (path, original) = seeds[random.Next(seeds.Count)];
        var body = original.DeepClone();
        var names = new List<string>();
        JsonObject? duplicateIn = null;
        for (var round = random.Next(1, 4); round > 0; round--)
        {
            var kind = random.Next(11);
            names.Add(kind switch
            {
                0 => Replace(body, random, "null", (_, _) => null),
                1 => Replace(body, random, "type swap", SwapType),
                2 => Replace(body, random, "odd string", (r, _) => JsonValue.Create(OddStrings[r.Next(OddStrings.Length)])),
                3 => Replace(body, random, "number", (r, _) => HugeOrNegativeNumber(r)),
                4 => Replace(body, random, "nesting", (r, _) => Nested(r.Next(3) == 0 ? r.Next(2, 200) : r.Next(50, 66))),
                5 => Replace(body, random, "long string", (r, _) => JsonValue.Create(LongString(r))),
                6 => Grow(body, random),
                7 => DocumentAsString(body, random),
                8 => Remove(body, random),
                9 => Replace(body, random, "empty", (r, _) => r.Next(2) == 0 ? new JsonObject() : new JsonArray()),
                _ => DuplicateKey(body, random, out duplicateIn),
            });
        }

        var bytes = Write(body, duplicateIn, random);
        switch (random.Next(10))
        {
            case 0:
                names.Add("truncated");
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            case 1:
                names.Add("invalid UTF-8");
                bytes = InvalidUtf8(bytes, random);
                break;
            case 2:
                names.Add("byte flipped");
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
        }

        var contentType = random.Next(50) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=utf-16",
            2 => "application/x-www-form-urlencoded",
            _ => Json,
        };
        return new FuzzRequest(path, bytes, contentType, string.Join(", ", names));
    }

    /// <summary>Every node below the root with its parent and place, in document order.</summary>
    private static List<(JsonNode Parent, string? Key, int Index, JsonNode? Node)> Nodes(JsonNode root)
    {
        var nodes = new List<(JsonNode, string?, int, JsonNode?)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, value) in o)
                {
                    nodes.Add((o, key, -1, value));
                    if (value is not null)
                    {
                        Walk(value);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    nodes.Add((a, null, i, a[i]));
                    if (a[i] is { } item)
                    {
                        Walk(item);
                    }
                }
            }
        }

        Walk(root);
        return nodes;
    }

    private static string Replace(JsonNode body, Random random, string name, Func<Random, JsonNode?, JsonNode?> make)
    {
        var nodes = Nodes(body);
        if (nodes.Count == 0)
        {
            return "nothing to replace";
        }

        var (parent, key, index, node) = nodes[random.Next(nodes.Count)];
        var replacement = make(random, node);
        if (parent is JsonObject o)
        {
            o[key!] = replacement;
        }
        else
        {
            ((JsonArray)parent)[index] = replacement;
        }

        return $"{name} at {key ?? $"[{index}]"}";
    }

    private static JsonNode? SwapType(Random random, JsonNode? node) => (node?.GetValueKind(), random.Next(3)) switch
    {
        (JsonValueKind.String, 0) => JsonValue.Create(42),
        (JsonValueKind.String, 1) => new JsonArray(JsonValue.Create(node!.GetValue<string>())),
        (JsonValueKind.String, _) => new JsonObject { ["value"] = node!.GetValue<string>() },
        (JsonValueKind.Array, 0) => new JsonObject { ["0"] = "s3:GetObject" },
        (JsonValueKind.Array, _) => JsonValue.Create("s3:GetObject"),
        (JsonValueKind.Object, 0) => new JsonArray(new JsonObject()),
        (JsonValueKind.Object, _) => JsonValue.Create(node!.ToJsonString()),
        (JsonValueKind.True or JsonValueKind.False, _) => JsonValue.Create("true"),
        (JsonValueKind.Number, _) => JsonValue.Create("1"),
        _ => random.Next(2) == 0 ? JsonValue.Create(true) : new JsonArray(),
    };

    private static JsonNode HugeOrNegativeNumber(Random random) => random.Next(6) switch
    {
        0 => JsonValue.Create(-1),
        1 => JsonValue.Create(long.MinValue),
        2 => JsonValue.Create(double.MaxValue),
        3 => JsonValue.Create(-0.0000001m),
        4 => JsonNode.Parse("123456789012345678901234567890123456789012345678901234567890")!,
        _ => JsonNode.Parse("-1e999")!,
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static string LongString(Random random)
    {
        var length = random.Next(4) == 0 ? random.Next(100_000, 300_000) : random.Next(900, 5_000);
        var unit = random.Next(4) switch
        {
            0 => "*",
            1 => "?*",
            2 => "a",
            _ => "\u00e9\U0001F600",
        };
        var text = new StringBuilder(length + unit.Length);
        if (random.Next(2) == 0)
        {
            text.Append("ec2:");
        }

        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    // Repeats an array's items, up to past the limits (1,000 statements, 100 policies, 20,000 unused actions).
    private static string Grow(JsonNode body, Random random)
    {
        var arrays = Nodes(body).Select(n => n.Node).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count == 0)
        {
            return "nothing to grow";
        }

        var array = arrays[random.Next(arrays.Count)];
        var items = array.ToList();

        // Up to about a mebibyte, the most the server reads.
        var itemBytes = Math.Max(1, items.Sum(item => item?.ToJsonString().Length ?? 4));
        var times = Math.Min(
            random.Next(4) == 0 ? (random.Next(1_000, 21_000) / array.Count) + 1 : random.Next(2, 20),
            Math.Max(1, 1_100_000 / itemBytes));
        for (var t = 1; t < times; t++)
        {
            foreach (var item in items)
            {
                array.Add(item?.DeepClone());
            }
        }

        return $"grew an array to {array.Count}";
    }

    private static string DocumentAsString(JsonNode body, Random random)
    {
        var documents = Nodes(body).Where(n => n.Key is "policy" or "document" && n.Node is JsonObject).ToList();
        if (documents.Count == 0)
        {
            return "no document to stringify";
        }

        var (parent, key, _, node) = documents[random.Next(documents.Count)];
        var text = node!.ToJsonString();
        if (random.Next(2) == 0)
        {
            text = text[..random.Next(text.Length)];
        }

        ((JsonObject)parent)[key!] = text;
        return "document as a string";
    }

    private static string Remove(JsonNode body, Random random)
    {
        var nodes = Nodes(body);
        if (nodes.Count == 0)
        {
            return "nothing to remove";
        }

        var (parent, key, index, _) = nodes[random.Next(nodes.Count)];
        if (parent is JsonObject o)
        {
            o.Remove(key!);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(index);
        }

        return $"removed {key ?? $"[{index}]"}";
    }

    private static string DuplicateKey(JsonNode body, Random random, out JsonObject? target)
    {
        var objects = Nodes(body).Select(n => n.Node).OfType<JsonObject>().Where(o => o.Count > 0).Append(body as JsonObject).OfType<JsonObject>().ToList();
        target = objects.Count == 0 ? null : objects[random.Next(objects.Count)];
        return "duplicate key";
    }

    // Writes the tree without validation, so that an object's first key can be written twice.
    private static byte[] Write(JsonNode body, JsonObject? duplicateIn, Random random)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1_000 }))
        {
            void WriteNode(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o:
                        writer.WriteStartObject();
                        foreach (var (key, value) in o)
                        {
                            writer.WritePropertyName(key);
                            WriteNode(value);
                        }

                        if (ReferenceEquals(o, duplicateIn) && o.Count > 0)
                        {
                            var (key, value) = o.ElementAt(random.Next(o.Count));
                            writer.WritePropertyName(key);
                            WriteNode(value);
                        }

                        writer.WriteEndObject();
                        break;
                    case JsonArray a:
                        writer.WriteStartArray();
                        foreach (var item in a)
                        {
                            WriteNode(item);
                        }

                        writer.WriteEndArray();
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    default:
                        node.WriteTo(writer);
                        break;
                }
            }

            WriteNode(body);
        }

        return buffer.ToArray();
    }

    private static byte[] InvalidUtf8(byte[] bytes, Random random)
    {
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
        var insert = invalid[random.Next(invalid.Length)];
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }
}
