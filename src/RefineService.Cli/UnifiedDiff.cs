namespace RefineService.Cli;

/// <summary>Writes a unified diff, coloured as <c>git diff</c> colours one when a person is watching.</summary>
internal static class UnifiedDiff
{
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Cyan = "\u001b[36m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    public static async Task WriteAsync(TextWriter output, string diff, bool colour)
    {
        if (!colour)
        {
            await output.WriteAsync(diff);
            return;
        }

        foreach (var line in diff.Split('\n'))
        {
            var start = line switch
            {
                _ when line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) => Bold,
                _ when line.StartsWith("@@", StringComparison.Ordinal) => Cyan,
                _ when line.StartsWith('-') => Red,
                _ when line.StartsWith('+') => Green,
                _ => null,
            };
            if (line.Length > 0)
            {
                await output.WriteLineAsync(start is null ? line : start + line + Reset);
            }
        }
    }
}
