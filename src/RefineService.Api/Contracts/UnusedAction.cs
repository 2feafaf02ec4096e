using System.Text.Json.Serialization;

namespace RefineService.Api.Contracts;

/// <summary>One unused action as Access Analyzer writes it; in <c>unusedPermissions</c> its name alone may stand for it.</summary>
[JsonConverter(typeof(ActionItemConverter<UnusedAction>))]
public sealed record UnusedAction : IActionItem<UnusedAction>
{
    /// <summary>The action name without the service prefix, e.g. <c>GetBucketPolicy</c>.</summary>
    public string? Action { get; init; }

    /// <summary>When the action was last used, if ever; with <c>options.unusedForDays</c>, an action used within the threshold is spared.</summary>
    public AwsTimestamp? LastAccessed { get; init; }

    /// <summary>Members of the object form this service does not read (Access Analyzer may add some), by name as written.</summary>
    [JsonIgnore]
    internal IReadOnlyList<string>? UnknownMembers { get; init; }

    /// <summary>How the action was written: a name, an object, or neither (then the validator says what it should be).</summary>
    [JsonIgnore]
    internal UnusedActionForm Form { get; init; }

    static UnusedAction IActionItem<UnusedAction>.Create(string? action, AwsTimestamp? lastAccessed, IReadOnlyList<string>? unknownMembers, UnusedActionForm form) =>
        new() { Action = action, LastAccessed = lastAccessed, UnknownMembers = unknownMembers, Form = form };
}

/// <summary>How an unused action was written in a request.</summary>
internal enum UnusedActionForm
{
    Name,
    Object,
    Neither,
}
