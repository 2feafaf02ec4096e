namespace RefineService.Cli;

/// <summary>The exit codes a pipeline can act on, in the spirit of <c>git diff --exit-code</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; with <c>--exit-code</c>, also: nothing to change.</summary>
    public const int Success = 0;

    /// <summary>An input could not be read or breaks a rule; standard error says which, by JSON path, as the API does.</summary>
    public const int BadInput = 1;

    /// <summary>With <c>--exit-code</c>: changes are recommended.</summary>
    public const int ChangesRecommended = 2;
}
