namespace RefineService.Core.Policies;

/// <summary>Something in a policy document that IAM or the service would refuse.</summary>
/// <param name="Path">The JSON path of the element at fault, relative to the document (<c>$.Statement[1].Effect</c>).</param>
/// <param name="Message">A sentence saying what is wrong and how to put it right.</param>
public sealed record PolicyProblem(string Path, string Message)
{
    /// <summary>Whether the problem stopped the reading (text that is not Unicode, a repeated key, nesting too deep), so nothing after it was looked at.</summary>
    public bool StoppedReading { get; init; }
}
