namespace RefineService.Cli;

/// <summary>
/// How far an account's refinement is, on standard error, for a person watching a long run: one line rewritten in place
/// ("principals 120/1000"), at most every <see cref="Interval"/>, and wiped when done. Where standard error is not a
/// terminal (a pipeline, a log), it writes nothing: a log is no place for carriage returns.
/// </summary>
internal sealed class AccountProgress
{
    /// <summary>The least time between two writes: often enough to look alive, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter? _error;
    private readonly int _total;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private int _done;
    private long _lastWrite;
    private int _written;

    public AccountProgress(CliConsole console, int total, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(console);
        _error = console.ErrorIsTerminal ? console.Error : null;
        _total = total;
        _clock = clock;
    }

    /// <summary>The line shown after <paramref name="done"/> of <paramref name="total"/> principals.</summary>
    public static string Format(int done, int total) => FormattableString.Invariant($"principals {done}/{total}");

    /// <summary>One more principal answered; safe to call from any thread.</summary>
    public void Answered()
    {
        var done = Interlocked.Increment(ref _done);
        if (_error is null)
        {
            return;
        }

        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (done < _total && _written > 0 && _clock.GetElapsedTime(_lastWrite, now) < Interval)
            {
                return;
            }

            _lastWrite = now;
            var line = Format(done, _total);
            _error.Write('\r' + line.PadRight(_written));
            _written = line.Length;
        }
    }

    /// <summary>Wipes the line, so that what follows on standard error starts clean.</summary>
    public void Done()
    {
        if (_error is null || _written == 0)
        {
            return;
        }

        lock (_lock)
        {
            _error.Write('\r' + new string(' ', _written) + '\r');
            _written = 0;
        }
    }
}
