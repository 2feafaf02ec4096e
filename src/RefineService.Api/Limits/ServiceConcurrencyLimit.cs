using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RefineService.Api.Limits;

/// <summary>
/// The service's global limiter: one framework <see cref="ConcurrencyLimiter"/> shared by every request the rate limiting
/// middleware sees, with a bounded queue. Endpoints marked with <c>DisableRateLimiting</c> (the probes, <c>/metrics</c>)
/// never reach it, so a flood of API requests cannot starve them.
/// </summary>
/// <remarks>
/// Written as a partitioned limiter of one partition rather than with <c>PartitionedRateLimiter.Create</c>, whose idle
/// partitions are disposed and made anew: here the one limiter lives as long as the service, and a refusal is told apart
/// from the per-client limit's by its lease (<see cref="Busy"/>).
/// </remarks>
public sealed class ServiceConcurrencyLimit : PartitionedRateLimiter<HttpContext>
{
    private readonly ConcurrencyLimiter _limiter;

    public ServiceConcurrencyLimit(IOptions<ConcurrencyLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Options.PermitLimit,
            QueueLimit = Options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The limits in force.</summary>
    public ConcurrencyLimitOptions Options { get; }

    /// <summary>Whether <paramref name="lease"/> is a refusal of this limiter: every permit taken and the queue full.</summary>
    public static bool IsRefusal(RateLimitLease lease) => lease is Busy;

    /// <summary>Takes a permit outside any request, waiting in the queue like one; for tests that fill the service.</summary>
    internal ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _limiter.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Mark(_limiter.AttemptAcquire(permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Mark(await _limiter.AcquireAsync(permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _limiter.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private static RateLimitLease Mark(RateLimitLease lease) => lease.IsAcquired ? lease : new Busy(lease);

    /// <summary>A refusal of the concurrency limit, keeping what the framework's lease says.</summary>
    private sealed class Busy(RateLimitLease refused) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => refused.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => refused.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                refused.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
