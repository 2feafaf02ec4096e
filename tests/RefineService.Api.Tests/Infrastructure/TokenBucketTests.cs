using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using RefineService.Api.Security;

namespace RefineService.Api.Tests.Infrastructure;

/// <summary>A client's token bucket, on a fake clock: tokens come back at the rate, up to the burst, and never early.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    private static int Take(RateLimiter bucket, int requests)
    {
        var granted = 0;
        for (var i = 0; i < requests; i++)
        {
            using var lease = bucket.AttemptAcquire();
            granted += lease.IsAcquired ? 1 : 0;
        }

        return granted;
    }

    [Fact]
    public void ABurstIsGrantedAtOnceAndTheRequestAfterItIsRefused()
    {
        using var bucket = new TokenBucket(burst: 3, permitsPerSecond: 10, _clock);

        Assert.Equal(3, Take(bucket, 4));
    }

    [Fact]
    public void TokensComeBackAtTheRateButNeverPastTheBurst()
    {
        using var bucket = new TokenBucket(burst: 3, permitsPerSecond: 10, _clock);
        Take(bucket, 3);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        var afterAQuarterSecond = Take(bucket, 10);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var afterAQuietSpell = Take(bucket, 10);

        Assert.Equal(2, afterAQuarterSecond);
        Assert.Equal(3, afterAQuietSpell);
    }

    [Fact]
    public void ARefusalSaysHowLongUntilTheNextToken()
    {
        using var bucket = new TokenBucket(burst: 2, permitsPerSecond: 4, _clock);
        Take(bucket, 2);
        _clock.Advance(TimeSpan.FromMilliseconds(100));

        using var refused = bucket.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(150), retryAfter);
    }

    [Fact]
    public void ABucketIsIdleOnlyWhileItIsFull()
    {
        using var bucket = new TokenBucket(burst: 2, permitsPerSecond: 1, _clock);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var idleFromTheStart = bucket.IdleDuration;

        Take(bucket, 1);
        var inUse = bucket.IdleDuration;
        _clock.Advance(TimeSpan.FromSeconds(5));
        var fullAgain = bucket.IdleDuration;

        Assert.Equal(TimeSpan.FromSeconds(3), idleFromTheStart);
        Assert.Null(inUse);
        Assert.Equal(TimeSpan.FromSeconds(4), fullAgain);
    }
}
