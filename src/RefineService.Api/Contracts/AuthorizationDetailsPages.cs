using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RefineService.Core.Policies;

namespace RefineService.Api.Contracts;

/// <summary>
/// <c>authorizationDetails</c> as it comes: one GetAccountAuthorizationDetails answer (the CLI's pages merged), or a list
/// of its pages as an SDK returns them one call at a time.
/// </summary>
[JsonConverter(typeof(AuthorizationDetailsPagesConverter))]
public sealed record AuthorizationDetailsPages(IReadOnlyList<AccountAuthorizationDetails?> Pages, bool IsList)
{
    /// <summary>The JSON path of page <paramref name="index"/> under <paramref name="path"/>, the path of <c>authorizationDetails</c>.</summary>
    public string PathOf(string path, int index) => IsList ? JsonPath.Item(path, index) : path;
}

/// <summary>Reads <see cref="AuthorizationDetailsPages"/>: an object, or an array of objects; writes the same form back.</summary>
public sealed class AuthorizationDetailsPagesConverter : JsonConverter<AuthorizationDetailsPages>
{
    public override AuthorizationDetailsPages? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var page = (JsonTypeInfo<AccountAuthorizationDetails>)options.GetTypeInfo(typeof(AccountAuthorizationDetails));
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var pages = (JsonTypeInfo<List<AccountAuthorizationDetails?>>)options.GetTypeInfo(typeof(List<AccountAuthorizationDetails?>));
            return new AuthorizationDetailsPages(JsonSerializer.Deserialize(ref reader, pages) ?? [], IsList: true);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ContractValueException("'authorizationDetails' is the output of 'aws iam get-account-authorization-details' (an object), or a list of its pages.");
        }

        return new AuthorizationDetailsPages([JsonSerializer.Deserialize(ref reader, page)], IsList: false);
    }

    public override void Write(Utf8JsonWriter writer, AuthorizationDetailsPages value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsList)
        {
            JsonSerializer.Serialize(writer, value.Pages.ToList(), (JsonTypeInfo<List<AccountAuthorizationDetails?>>)options.GetTypeInfo(typeof(List<AccountAuthorizationDetails?>)));
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Pages[0], (JsonTypeInfo<AccountAuthorizationDetails?>)options.GetTypeInfo(typeof(AccountAuthorizationDetails)));
        }
    }
}
