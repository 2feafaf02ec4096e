using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RefineService.Api.Contracts;

/// <summary>
/// Writes <see cref="FindingRecommendation"/> member by member, exactly as the source-generated metadata would; reads it
/// with that metadata. Its steps nest four objects deep, and the serializer's generic writer copies a frame of its state
/// for every object and list it enters: written here, a finding's answer costs the same as one without it, or nearly.
/// </summary>
internal sealed class FindingRecommendationConverter : JsonConverter<FindingRecommendation>
{
    private static readonly JsonEncodedText StartedAt = JsonEncodedText.Encode("startedAt");
    private static readonly JsonEncodedText CompletedAt = JsonEncodedText.Encode("completedAt");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ResourceArn = JsonEncodedText.Encode("resourceArn");
    private static readonly JsonEncodedText RecommendedSteps = JsonEncodedText.Encode("recommendedSteps");
    private static readonly JsonEncodedText UnusedPermissionsRecommendedStep = JsonEncodedText.Encode("unusedPermissionsRecommendedStep");
    private static readonly JsonEncodedText RecommendedPolicy = JsonEncodedText.Encode("recommendedPolicy");
    private static readonly JsonEncodedText RecommendedAction = JsonEncodedText.Encode("recommendedAction");
    private static readonly JsonEncodedText ExistingPolicyId = JsonEncodedText.Encode("existingPolicyId");
    private static readonly JsonEncodedText PolicyUpdatedAt = JsonEncodedText.Encode("policyUpdatedAt");
    private static readonly JsonEncodedText RecommendationType = JsonEncodedText.Encode("recommendationType");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText UnusedPermissionRecommendation = JsonEncodedText.Encode("UnusedPermissionRecommendation");
    private static readonly JsonEncodedText Succeeded = JsonEncodedText.Encode("SUCCEEDED");
    private static readonly JsonEncodedText Failed = JsonEncodedText.Encode("FAILED");
    private static readonly JsonEncodedText CreatePolicy = JsonEncodedText.Encode("CREATE_POLICY");
    private static readonly JsonEncodedText DetachPolicy = JsonEncodedText.Encode("DETACH_POLICY");

    // The generated metadata, from a copy of the options without this converter; made on the first read (answers are seldom read).
    private Reading? _reading;

    public override FindingRecommendation? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reading = _reading;
        if (reading is null || !ReferenceEquals(reading.Options, options))
        {
            var withoutThis = new JsonSerializerOptions(options);
            withoutThis.Converters.Remove(this);
            reading = new Reading(options, (JsonTypeInfo<FindingRecommendation>)withoutThis.GetTypeInfo(typeof(FindingRecommendation)));
            _reading = reading;
        }

        return JsonSerializer.Deserialize(ref reader, reading.Metadata);
    }

    public override void Write(Utf8JsonWriter writer, FindingRecommendation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        WriteTimestamp(writer, StartedAt, value.StartedAt);
        WriteTimestamp(writer, CompletedAt, value.CompletedAt);
        if (value.Error is { } error)
        {
            writer.WriteStartObject(Error);
            writer.WriteString(Code, error.Code);
            writer.WriteString(Message, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteString(ResourceArn, value.ResourceArn);
        if (value.RecommendedSteps is { } steps)
        {
            writer.WriteStartArray(RecommendedSteps);
            for (var i = 0; i < steps.Count; i++)
            {
                WriteStep(writer, steps[i]);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull(RecommendedSteps);
        }

        writer.WriteString(RecommendationType, value.RecommendationType switch
        {
            Contracts.RecommendationType.UnusedPermissionRecommendation => UnusedPermissionRecommendation,
            var other => throw new JsonException($"No recommendation type {other}."),
        });
        writer.WriteString(Status, value.Status switch
        {
            RecommendationStatus.Succeeded => Succeeded,
            RecommendationStatus.Failed => Failed,
            var other => throw new JsonException($"No recommendation status {other}."),
        });
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, RecommendedStep? step)
    {
        if (step is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (step.UnusedPermissionsRecommendedStep is { } unused)
        {
            writer.WriteStartObject(UnusedPermissionsRecommendedStep);
            if (unused.RecommendedPolicy is { } policy)
            {
                // Escaped once for both writes of the step (RecommendedPolicyTextConverter).
                writer.WritePropertyName(RecommendedPolicy);
                RecommendedPolicyTextConverter.WriteValue(writer, policy);
            }

            writer.WriteString(RecommendedAction, unused.RecommendedAction switch
            {
                RecommendedRemediationAction.CreatePolicy => CreatePolicy,
                RecommendedRemediationAction.DetachPolicy => DetachPolicy,
                var other => throw new JsonException($"No remediation action {other}."),
            });
            writer.WriteString(ExistingPolicyId, unused.ExistingPolicyId);
            if (unused.PolicyUpdatedAt is { } updatedAt)
            {
                WriteTimestamp(writer, PolicyUpdatedAt, updatedAt);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(UnusedPermissionsRecommendedStep);
        }

        writer.WriteEndObject();
    }

    // Formatted on the stack: the text AwsTimestampConverter.Format makes, without making it a string.
    private static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset instant)
    {
        Span<char> text = stackalloc char[AwsTimestampConverter.MaxFormattedLength];
        writer.WriteString(name, text[..AwsTimestampConverter.Format(instant, text)]);
    }

    private sealed record Reading(JsonSerializerOptions Options, JsonTypeInfo<FindingRecommendation> Metadata);
}
