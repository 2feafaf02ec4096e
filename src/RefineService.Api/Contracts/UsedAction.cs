using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>One item of <c>usedActions</c>: an action or pattern the principal used, written as its name or as <c>{ "action", "lastAccessed" }</c>.</summary>
[JsonConverter(typeof(ActionItemConverter<UsedAction>))]
public sealed record UsedAction : IActionItem<UsedAction>
{
    /// <summary>The action, with its service prefix, as CloudTrail-derived tools write it, e.g. <c>s3:GetObject</c>; <c>*</c> and <c>?</c> allowed.</summary>
    /// <example>s3:GetObject</example>
    public string? Action { get; init; }

    /// <summary>When it was last used; absent: it counts as used now.</summary>
    public AwsTimestamp? LastAccessed { get; init; }

    /// <summary>Members of the object form that the contract does not define, by name as written (refused).</summary>
    [JsonIgnore]
    internal IReadOnlyList<string>? UnknownMembers { get; init; }

    /// <summary>How the item was written: a name, an object, or neither (then the validator says what it should be).</summary>
    [JsonIgnore]
    internal UnusedActionForm Form { get; init; }

    static UsedAction IActionItem<UsedAction>.Create(string? action, AwsTimestamp? lastAccessed, IReadOnlyList<string>? unknownMembers, UnusedActionForm form) =>
        new() { Action = action, LastAccessed = lastAccessed, UnknownMembers = unknownMembers, Form = form };
}
