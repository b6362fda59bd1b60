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
        Console.WriteLine("| backbone | size | bare (min) | full (min) | full / bare | full, channels_last (min) | that / bare |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (BackboneKind backbone in Enum.GetValues<BackboneKind>())
        {
            foreach (int size in new[] { 256, 512 })
            {
                using BenchmarkSubject subject = BenchmarkSubject.Create(backbone, size);
                using BenchmarkSubject? channelsLast = backbone == BackboneKind.Vgg19 ? BenchmarkSubject.Create(backbone, size, channelsLast: true) : null;
                subject.BareForwardBackward();
                subject.FullEvaluation();
                channelsLast?.FullEvaluation();
                double bare = double.MaxValue, full = double.MaxValue, fullLast = double.MaxValue;
                for (int i = 0; i < repetitions; i++)
                {
                    bare = Math.Min(bare, Time(() => subject.BareForwardBackward()));
                    full = Math.Min(full, Time(() => subject.FullEvaluation()));
                    if (channelsLast is not null)
                    {
                        fullLast = Math.Min(fullLast, Time(() => channelsLast.FullEvaluation()));
                    }
                }

                string last = channelsLast is null ? "— | —" : FormattableString.Invariant($"{fullLast:F1} ms | {fullLast / bare:F3}");
                Console.WriteLine(FormattableString.Invariant($"| {backbone} | {size} | {bare:F1} ms | {full:F1} ms | {full / bare:F3} | {last} |"));
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
