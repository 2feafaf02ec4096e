using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>
/// An object of the service's own contract: a member it does not define is a mistake (a typo must not turn into "nothing
/// to remove"), kept here so that the validator can refuse every one of them at its path.
/// </summary>
public abstract record ContractObject
{
    /// <summary>Members the contract does not define, by name as written.</summary>
    // Settable, not init-only: the serializer fills an extension data dictionary as the members come.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownMembers { get; set; }
}

/// <summary>
/// An object in one of AWS's own shapes (Access Analyzer's findings, IAM's documents): AWS adds members to its outputs
/// over time, so a member this service does not read is tolerated, and counted in a warning.
/// </summary>
public abstract record AwsShape
{
    /// <summary>Members this service does not read, by name as written.</summary>
    // Settable, not init-only: the serializer fills an extension data dictionary as the members come.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownMembers { get; set; }
}
