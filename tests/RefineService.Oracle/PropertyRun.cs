using System.Globalization;
using CsCheck;

namespace RefineService.Oracle;

/// <summary>
/// Runs a property over generated cases, the same cases on every run: case <c>k</c> is drawn from stream <c>k</c> of a
/// fixed seed. <c>PROPERTY_ITERATIONS</c> sets how many cases (for long runs), <c>PROPERTY_SEED</c> another seed or
/// <c>random</c>; a failure names the seed and the case, which <c>PROPERTY_SEED</c> and <c>PROPERTY_CASE</c> replay alone.
/// </summary>
public static class PropertyRun
{
    /// <summary>The seed of the normal test run.</summary>
    public const ulong DefaultSeed = 20_261_201;

    private static readonly Lazy<ulong> Seed = new(() => Environment.GetEnvironmentVariable("PROPERTY_SEED") switch
    {
        null or "" => DefaultSeed,
        "random" => (ulong)Random.Shared.NextInt64(),
        var text => ulong.Parse(text, CultureInfo.InvariantCulture),
    });

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> cases (unless <c>PROPERTY_ITERATIONS</c> says otherwise), on every core.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, Func<T, string> print, int iterations)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : iterations;
        var only = int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_CASE"), CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        var seed = Seed.Value;
        var first = int.MaxValue;
        Exception? failure = null;
        string? printed = null;
        var gate = new object();
        Parallel.For(only ?? 0, only + 1 ?? count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (k, loop) =>
        {
            var value = gen.Generate(new PCG((uint)k, seed), null, out _);
            try
            {
                property(value);
            }
#pragma warning disable CA1031 // Any exception is the property failing; it is reported with the case that raised it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (gate)
                {
                    if (k < first)
                    {
                        (first, failure, printed) = (k, e, print(value));
                    }
                }

                loop.Stop();
            }
        });

        if (failure is not null)
        {
            throw new PropertyFailedException(
                $"Case {first} of seed {seed} failed (replay: PROPERTY_SEED={seed} PROPERTY_CASE={first}).\n{Cut(failure.Message)}\nCase: {Cut(printed!)}",
                failure);
        }
    }

    // Long cases and answers are cut so that the failure stays readable; the replay prints it whole into a debugger.
    private static string Cut(string text) => text.Length <= 4_000 ? text : text[..4_000] + $" ... ({text.Length:N0} characters)";
}

/// <summary>A property failed on a generated case.</summary>
public sealed class PropertyFailedException(string message, Exception inner) : Exception(message, inner);
