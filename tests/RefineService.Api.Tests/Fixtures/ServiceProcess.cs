using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace RefineService.Api.Tests.Fixtures;

/// <summary>
/// The built service (<c>RefineService.Api.dll</c> beside the tests) running as a child process on a loopback port
/// of its own choosing, with its output kept; for what only a real process shows, such as how it stops on SIGTERM.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    // Bounds on waits that should end in moments; they only keep a broken run from hanging.
    private static readonly TimeSpan StartUpLimit = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopLimit = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _baseAddress;

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The port the service listens on, as it said when it started.</summary>
    public int Port => BaseAddress.Port;

    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The service has not said where it listens.");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far; all of it once <see cref="StopAsync"/> has returned.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the service in the Production environment with <paramref name="environment"/> added, from
    /// <paramref name="workingDirectory"/> (by default its own), and waits until it is ready.
    /// </summary>
    /// <remarks>
    /// The service binds port 0, so the system gives it a free port and no other process can take that port between a
    /// choice and the bind; the port is read from the line Kestrel writes once it listens ("Now listening on: ...").
    /// </remarks>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RefineService.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var service = new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(StartUpLimit);
            service._baseAddress = await service.WaitUntilListeningAsync(limit.Token);
            await service.WaitUntilReadyAsync(limit.Token);
            return service;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await service.DisposeAsync();
            throw new TimeoutException($"The service was not ready within {StartUpLimit}:\n{service.Output}");
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does to stop a container.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>
    /// Stops the service as an orchestrator does (SIGTERM) and returns its exit code once it has exited and everything
    /// it wrote has been read, so that <see cref="Output"/> is its whole log.
    /// </summary>
    /// <remarks>
    /// Before it exits, a line found in the output says nothing of the lines around it: the service writes its log from a
    /// background thread, in the order its threads happened to log, and the host writes its start-up lines while the
    /// first requests are already being served.
    /// </remarks>
    public async Task<int> StopAsync()
    {
        Terminate();
        return await WaitForExitAsync(StopLimit) ?? throw new TimeoutException($"The service did not exit within {StopLimit} of SIGTERM:\n{Output}");
    }

    /// <summary>
    /// The exit code once the process has exited and its output has been read to the end, or null if it is still running
    /// when <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Whether a new TCP connection to the service's port is refused.</summary>
    public async Task<bool> RefusesConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Reset while the listener was closing: not accepted, but not yet the plain refusal of a closed port.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<Uri> WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(_listening.Task, exited) != _listening.Task)
        {
            await exited;
            throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it listened:\n{Output}");
        }

        return await _listening.Task;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                // Not ready: the readiness check says why.
            }
            catch (HttpRequestException)
            {
                // Exiting (checked above) or not answering yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (!_listening.Task.IsCompleted && ListeningOn().Match(line) is { Success: true } listening)
        {
            _listening.TrySetResult(new Uri(listening.Groups["address"].Value));
        }
    }

    // Kestrel's line, as JSON ("@m":"Now listening on: \"http://127.0.0.1:41234\"") or as text.
    [GeneratedRegex(@"Now listening on: (?:\\?"")?(?<address>https?://[^""\\\s]+)")]
    private static partial Regex ListeningOn();
}
