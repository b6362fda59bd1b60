using System.CommandLine;
using System.Globalization;
using NeuralStyle.Runtime;
using TorchSharp;

namespace NeuralStyle.Cli;

/// <summary>The native runtime's set-up every command that computes does first: huge pages, then the thread count.</summary>
internal static class NativeRuntime
{
    /// <summary>The most CPU threads <c>--threads</c> accepts.</summary>
    public const int MaxThreads = 1024;

    /// <summary>A <c>--threads</c> option, its value and range checked while parsing (by its parser: a validator reading a value that is no number would throw).</summary>
    public static Option<int?> ThreadsOption() => new("--threads", "-t")
    {
        Description = "CPU threads for TorchSharp (default: all cores).",
        CustomParser = r =>
        {
            string text = r.Tokens.Single().Value;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
            {
                r.AddError($"--threads must be a whole number between 1 and {MaxThreads} (got '{text}').");
                return null;
            }

            if (count is < 1 or > MaxThreads)
            {
                r.AddError($"--threads must be between 1 and {MaxThreads}, got {count}.");
                return null;
            }

            return count;
        },
    };

    /// <summary>
    /// Before the run's first tensor, the only moment it can take effect (a no-op after that):
    /// large activations on huge pages, 1.16–1.22x faster evaluations at the largest sizes
    /// (docs/performance.md; THP_MEM_ALLOC_ENABLE=0 in the environment opts out); then the threads asked for.
    /// </summary>
    /// <param name="threads">The thread count asked for, if any.</param>
    public static void Prepare(int? threads)
    {
        NativeAllocation.TryEnableHugePages();
        if (threads is int count)
        {
            torch.set_num_threads(count);
        }
    }
}
