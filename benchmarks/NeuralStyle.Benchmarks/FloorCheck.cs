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
        Console.WriteLine("| backbone | size | bare, extractor's layout (min) | bare NCHW (min) | full (min) | full / bare | full / bare NCHW |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (BackboneKind backbone in Enum.GetValues<BackboneKind>())
        {
            foreach (int size in new[] { 256, 512 })
            {
                using BenchmarkSubject subject = BenchmarkSubject.Create(backbone, size);
                using BenchmarkSubject standard = BenchmarkSubject.Create(backbone, size, channelsLast: false);
                subject.BareForwardBackward();
                standard.BareForwardBackward();
                subject.FullEvaluation();
                double bare = double.MaxValue, bareStandard = double.MaxValue, full = double.MaxValue;
                for (int i = 0; i < repetitions; i++)
                {
                    bare = Math.Min(bare, Time(() => subject.BareForwardBackward()));
                    bareStandard = Math.Min(bareStandard, Time(() => standard.BareForwardBackward()));
                    full = Math.Min(full, Time(() => subject.FullEvaluation()));
                }

                Console.WriteLine(FormattableString.Invariant(
                    $"| {backbone} | {size} | {bare:F1} ms | {bareStandard:F1} ms | {full:F1} ms | {full / bare:F3} | {full / bareStandard:F3} |"));
            }
        }
    }

    /// <summary>Full evaluation in float32 vs bf16 mixed precision, min of N alternating runs.</summary>
    public static void Precision(int repetitions)
    {
        Console.WriteLine("| backbone | size | float32 (min) | bf16 mixed (min) | speed-up |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (BackboneKind backbone in Enum.GetValues<BackboneKind>())
        {
            foreach (int size in new[] { 256, 512 })
            {
                using BenchmarkSubject single = BenchmarkSubject.Create(backbone, size);
                using BenchmarkSubject mixed = BenchmarkSubject.Create(backbone, size, mixedPrecision: true);
                single.FullEvaluation();
                mixed.FullEvaluation();
                double fp32 = double.MaxValue, bf16 = double.MaxValue;
                for (int i = 0; i < repetitions; i++)
                {
                    fp32 = Math.Min(fp32, Time(() => single.FullEvaluation()));
                    bf16 = Math.Min(bf16, Time(() => mixed.FullEvaluation()));
                }

                Console.WriteLine(FormattableString.Invariant($"| {backbone} | {size} | {fp32:F1} ms | {bf16:F1} ms | {fp32 / bf16:F2}x |"));
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
