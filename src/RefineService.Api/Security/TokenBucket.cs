using System.Threading.RateLimiting;

namespace RefineService.Api.Security;

/// <summary>One client's token bucket: a token comes back every 1/rate seconds, up to the burst, by a <see cref="TimeProvider"/>'s clock.</summary>
/// <remarks>
/// The framework's <see cref="TokenBucketRateLimiter"/> reads the machine's clock and takes no <see cref="TimeProvider"/>
/// (and inside a partitioned limiter it is refilled by that limiter's own 100 ms timer), so no test could say when a
/// token comes back. This bucket has no timer: it works out the tokens earned from the provider's timestamps whenever it
/// is asked, so a fake clock decides everything, and in production it behaves as the framework's did. A request is
/// never queued: one that finds no token is refused at once, with the time until the next token as its Retry-After.
/// </remarks>
internal sealed class TokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly int _burst;
    private readonly int _permitsPerSecond;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    private int _tokens;

    // The timestamp from which the next token is being earned; a full bucket earns nothing, so it moves with the clock.
    private long _earningSince;

    // When the bucket last became full, or null while a token is out: the partitioned limiter forgets a bucket idle long enough.
    private long? _fullSince;

    private long _granted;
    private long _refused;

    public TokenBucket(int burst, int permitsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        ArgumentNullException.ThrowIfNull(time);
        _burst = burst;
        _permitsPerSecond = permitsPerSecond;
        _time = time;
        _tokens = burst;
        _earningSince = time.GetTimestamp();
        _fullSince = _earningSince;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                Refill(now);
                return _fullSince is { } since ? _time.GetElapsedTime(since, now) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _tokens,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _burst);
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            Refill(now);

            // Asking for no permit asks whether one is there.
            var needed = Math.Max(permitCount, 1);
            if (_tokens >= needed)
            {
                _tokens -= permitCount;
                if (_tokens < _burst)
                {
                    _fullSince = null;
                }

                _granted++;
                return Granted;
            }

            _refused++;
            var due = _earningSince + TicksToEarn(needed - _tokens);
            return new Lease(false, _time.GetElapsedTime(now, due));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    // Adds the whole tokens earned since _earningSince; the part of a token not yet earned carries over.
    private void Refill(long now)
    {
        if (_tokens == _burst)
        {
            _earningSince = now;
            return;
        }

        var earned = (long)Int128.Min((Int128)(now - _earningSince) * _permitsPerSecond / _time.TimestampFrequency, _burst - _tokens);
        if (earned == 0)
        {
            return;
        }

        _tokens += (int)earned;
        _earningSince += TicksToEarn(earned);
        if (_tokens == _burst)
        {
            // Full since the last token came; from now on it earns nothing until a token is taken.
            _fullSince = _earningSince;
            _earningSince = now;
        }
    }

    // Timestamp ticks in which `tokens` tokens are earned, rounded up: a token never comes back early.
    private long TicksToEarn(long tokens) =>
        (long)(((Int128)tokens * _time.TimestampFrequency + _permitsPerSecond - 1) / _permitsPerSecond);

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
