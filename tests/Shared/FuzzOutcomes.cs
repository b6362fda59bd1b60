using Xunit;

namespace NeuralStyle.Testing;

/// <summary>What a fuzzing run saw: each outcome (success or an exception type) and how often, printed when an assertion fails.</summary>
public sealed class FuzzOutcomes
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The most managed memory one case allocated.</summary>
    public long MostAllocated { get; private set; }

    /// <summary>Runs one case on this thread, counting its outcome and what it allocated; an exception not in <paramref name="expected"/> fails the run with the seed.</summary>
    public void Run(int seed, Action test, params Type[] expected)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        string outcome;
        try
        {
            test();
            outcome = "ok";
        }
        catch (Exception e) when (expected.Any(t => t.IsInstanceOfType(e)))
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"seed {seed}: {e.GetType().Name} without a message");
            outcome = e.GetType().Name;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: unexpected {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
        }

        MostAllocated = Math.Max(MostAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
        _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>How many cases ran.</summary>
    public int Count => _counts.Values.Sum();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _counts.Select(c => $"{c.Key} {c.Value}")) + $"; at most {MostAllocated >> 20} MB allocated by one case";
}
