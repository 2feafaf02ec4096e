using System.CommandLine;

namespace RefineService.Cli;

/// <summary>
/// The <c>refine</c> command and its subcommands: <c>policy</c>, <c>account</c>, <c>expand</c> and <c>catalog</c>. Exit
/// codes: 0 done (with <c>--exit-code</c>: nothing to change), 1 bad input (standard error names each fault by its JSON
/// path, in the service's words; for <c>account</c>, also a principal that could not be answered), 2 changes
/// recommended (only with <c>--exit-code</c>).
/// </summary>
public static class RefineCommand
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("Refines AWS IAM policies by removing the actions IAM Access Analyzer reports as unused, keeping each policy's structure.")
        {
            PolicyCommand.Create(console),
            AccountCommand.Create(console),
            ExpandCommand.Create(console),
            CatalogCommand.Create(console),
        };

        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };

        var code = await parsed.InvokeAsync(invocation, cancellationToken);

        // A command line the parser refuses (it prints why, and the help) is bad input too: exit 1, as for a bad file.
        return parsed.Errors.Count > 0 ? ExitCodes.BadInput : code;
    }

    /// <summary>Runs <paramref name="action"/>, turning the inputs it cannot use into exit code 1 with the reasons on standard error.</summary>
    internal static async Task<int> Guarded(CliConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (BadInputException ex)
        {
            await console.Error.WriteLineAsync($"refine: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (RefusedRequestException ex)
        {
            foreach (var (path, messages) in ex.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                foreach (var message in messages)
                {
                    await console.Error.WriteLineAsync($"{path}: {message}");
                }
            }

            return ExitCodes.BadInput;
        }
    }
}
