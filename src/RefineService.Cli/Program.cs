using RefineService.Cli;

// `refine`: the service's recommendations from files, in process; see RefineCommand for the commands and exit codes.
return await RefineCommand.RunAsync(args, CliConsole.System);
