namespace RefineService.Cli;

/// <summary>Where the tool reads and writes: the process's standard streams, or a test's.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The process's own streams; colours and progress only where a person is watching, and never with <c>NO_COLOR</c>.</summary>
    public static CliConsole System { get; } = new(
        Console.In, Console.Out, Console.Error,
        OutIsTerminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        ErrorIsTerminal: !Console.IsErrorRedirected);
}
