using System.Globalization;
using NeuralStyle.Benchmarks.Support;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Native allocator tunings (<see cref="AllocatorTuning"/>) compared on real runs: fresh processes,
/// the tunings alternating, N rounds; the minimum seconds per evaluation (robust to other tenants'
/// load) and the largest peak RSS of each, relative to the default.
/// </summary>
internal static class AllocatorCheck
{
    private const int Evaluations = 6;

    public static void Run(int rounds)
    {
        Console.WriteLine("| backbone | size | allocator | s / evaluation (min) | speed-up | peak RSS (max) | RSS ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach ((BackboneKind backbone, int size) in new[] { (BackboneKind.Vgg19, 512), (BackboneKind.Vgg19, 1024), (BackboneKind.ResNet18, 1024), (BackboneKind.ResNet18, 2048) })
        {
            var request = new ProbeRequest(backbone, size, null, Evaluations);
            Dictionary<AllocatorTuning, Extremes> results = AllocatorTuning.All.ToDictionary(t => t, _ => new Extremes());
            for (int round = 0; round < rounds; round++)
            {
                foreach (AllocatorTuning tuning in AllocatorTuning.All)
                {
                    results[tuning].Add(MemoryReport.RunProbe(request, tuning));
                }
            }

            Extremes baseline = results[AllocatorTuning.Default];
            foreach ((AllocatorTuning tuning, Extremes result) in results)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {backbone} | {size} | {tuning.Name} | {result.Seconds:F2} | {baseline.Seconds / result.Seconds:F2}x | {result.Peak:F0} MB | {result.Peak / baseline.Peak:F2} |"));
            }
        }
    }

    private sealed class Extremes
    {
        public double Seconds { get; private set; } = double.MaxValue;

        public double Peak { get; private set; }

        public void Add((double PeakMegabytes, double SecondsPerEvaluation)? probe)
        {
            if (probe is not (double peak, double seconds))
            {
                throw new InvalidOperationException("A probe failed; run it alone (rss-probe BACKBONE SIZE) to see why.");
            }

            Seconds = Math.Min(Seconds, seconds);
            Peak = Math.Max(Peak, peak);
        }
    }
}
