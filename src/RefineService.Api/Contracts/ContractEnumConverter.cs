using System.Text.Json;
using System.Text.Json.Serialization;
using RefineService.Core.Refinement;

namespace RefineService.Api.Contracts;

/// <summary>
/// An enum of the contract as its camelCase names, exactly as the OpenAPI document spells them: a value in another case or
/// not in the list is refused with a sentence naming the list, where the framework's converter would take <c>"Prefix"</c>.
/// </summary>
public abstract class ContractEnumConverter<TEnum>(string what, TEnum byDefault) : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (string Name, TEnum Value)[] Names =
        [.. Enum.GetValues<TEnum>().Select(value => (JsonNamingPolicy.CamelCase.ConvertName(value.ToString()), value))];

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        foreach (var (name, value) in Names)
        {
            if (name == text)
            {
                return value;
            }
        }

        var given = text is null ? "This value" : $"'{text}'";
        throw new ContractValueException(
            $"{given} is not {what}; use one of {string.Join(", ", Names.Select(n => $"\"{n.Name}\""))} (\"{Name(byDefault)}\" when left out).");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Name(value));
    }

    private static string Name(TEnum value) => Names.First(n => EqualityComparer<TEnum>.Default.Equals(n.Value, value)).Name;
}

/// <summary>Reads and writes <see cref="PolicyKind"/>: <c>managed</c>, <c>awsManaged</c>, <c>inlineRole</c>, <c>inlineUser</c>, <c>inlineGroup</c>.</summary>
public sealed class PolicyKindConverter() : ContractEnumConverter<PolicyKind>("a policy kind", PolicyKind.Managed);

/// <summary>Reads and writes <see cref="WildcardMode"/>: <c>prefix</c>, <c>none</c>, <c>compact</c>.</summary>
public sealed class WildcardModeConverter() : ContractEnumConverter<WildcardMode>("a wildcards mode", WildcardMode.Prefix);

/// <summary>Reads and writes <see cref="FitMode"/>: <c>warn</c>, <c>split</c>, <c>notAction</c>.</summary>
public sealed class FitModeConverter() : ContractEnumConverter<FitMode>("a fit mode", FitMode.Warn);
