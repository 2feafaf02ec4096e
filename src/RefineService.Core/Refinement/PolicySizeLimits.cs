using RefineService.Core.Policies;

namespace RefineService.Core.Refinement;

/// <summary>IAM's size limits on policy documents, counted without white space.</summary>
public static class PolicySizeLimits
{
    /// <summary>The limit, in characters, for a policy of <paramref name="kind"/>.</summary>
    public static int For(PolicyKind kind) => kind switch
    {
        PolicyKind.InlineRole => 10_240,
        PolicyKind.InlineUser => 2_048,
        PolicyKind.InlineGroup => 5_120,
        _ => 6_144,
    };

    /// <summary>The size of <paramref name="document"/> as IAM counts it: the characters of its compact text, white space not counted.</summary>
    public static int Measure(PolicyDocument? document)
    {
        if (document is null)
        {
            return 0;
        }

        // The compact text is kept by the document: Access Analyzer's steps hand the same text out.
        return Count(document.ToCompactJson());
    }

    /// <summary>The size of one statement as IAM counts it within its document.</summary>
    public static int Measure(PolicyStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        using var buffer = new PooledBuffer<byte>(1024);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, PolicyDocument.Compact))
        {
            statement.WriteTo(writer);
        }

        return Count(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The characters of <paramref name="json"/> IAM counts: all but white space.</summary>
    public static int Count(ReadOnlySpan<char> json)
    {
        var count = 0;
        foreach (var c in json)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
