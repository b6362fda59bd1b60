using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;

namespace NeuralStyle.Tests.Features.Authoring;

/// <summary>
/// The state-dictionary check: every problem in one message, and no native call on a temporary
/// tensor the garbage collector may finalise meanwhile (the check once crashed the process when a
/// collection on another thread finalised the <c>isfinite</c> mask while <c>all()</c> read it).
/// </summary>
public sealed class StateDictionaryValidatorTests
{
    [Fact]
    public void Every_problem_is_named_in_one_message()
    {
        using torch.Tensor good = torch.zeros(2, 3);
        using torch.Tensor wrongShape = torch.zeros(3, 2);
        using torch.Tensor integer = torch.zeros(new long[] { 2 }, torch.ScalarType.Int64);
        using torch.Tensor infinite = torch.tensor(new[] { 1f, float.PositiveInfinity });
        var state = new Dictionary<string, torch.Tensor> { ["a"] = good, ["b"] = wrongShape, ["c"] = integer, ["d"] = infinite };
        var expected = new Dictionary<string, long[]> { ["a"] = [2, 3], ["b"] = [2, 3], ["c"] = [2], ["d"] = [2], ["e"] = [1] };

        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => StateDictionaryValidator.Validate("weights.pth", state, expected));

        foreach (string part in new[] { "key 'b' has shape [3, 2], expected [2, 3]", "key 'c' has dtype Int64", "key 'd' contains NaN or infinite values", "missing key 'e'" })
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checking_while_another_thread_collects_garbage_never_reads_a_finalised_tensor()
    {
        using torch.Tensor weights = torch.ones(1024, 1024);
        var state = new Dictionary<string, torch.Tensor> { ["w"] = weights };
        var expected = new Dictionary<string, long[]> { ["w"] = [1024, 1024] };
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        });
        try
        {
            // 2,000 checks crash or fail 4 runs in 4 without the fix (about 2 s alone); the 10 s cap bounds a slow machine's share of the suite.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 2_000 && clock.Elapsed < TimeSpan.FromSeconds(10); i++)
            {
                StateDictionaryValidator.Validate("weights", state, expected);
            }
        }
        finally
        {
            stop.Cancel();
            await collector;
        }
    }
}
