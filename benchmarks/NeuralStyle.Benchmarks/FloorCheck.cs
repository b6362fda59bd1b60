using System.Diagnostics;
using NeuralStyle.Benchmarks.Support;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// A quick floor-ratio check robust to a noisy shared machine: the minimum of N alternating runs
/// of the bare forward+backward and of the full evaluation (BenchmarkDotNet reports means, which
/// other tenants' load inflates).
/// </summary>
internal static class FloorCheck
{
    public static void Run(int repetitions)
    {
        Console.WriteLine("| backbone | size | bare (min) | full (min) | ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (BackboneKind backbone in Enum.GetValues<BackboneKind>())
        {
            foreach (int size in new[] { 256, 512 })
            {
                using BenchmarkSubject subject = BenchmarkSubject.Create(backbone, size);
                subject.BareForwardBackward();
                subject.FullEvaluation();
                double bare = double.MaxValue, full = double.MaxValue;
                for (int i = 0; i < repetitions; i++)
                {
                    bare = Math.Min(bare, Time(() => subject.BareForwardBackward()));
                    full = Math.Min(full, Time(() => subject.FullEvaluation()));
                }

                Console.WriteLine(FormattableString.Invariant($"| {backbone} | {size} | {bare:F1} ms | {full:F1} ms | {full / bare:F3} |"));
            }
        }
    }

    private static double Time(Func<double> action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
