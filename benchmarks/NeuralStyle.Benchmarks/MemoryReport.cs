using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Benchmarks.Support;
using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Peak resident memory of a real run (default preset, L-BFGS, 3 evaluations) per backbone, size
/// and tiling, each in a fresh process so peaks do not mix: the parent starts one probe per
/// configuration and reads the child's <c>VmHWM</c> and the run's seconds per evaluation.
/// </summary>
internal static class MemoryReport
{
    /// <summary>Evaluations of a memory probe (and of the estimate it is compared with).</summary>
    public const int Evaluations = 3;

    public static void Run(IEnumerable<(BackboneKind Backbone, int Size, int? Tile)> configurations)
    {
        Console.WriteLine("| backbone | size | tiles | peak RSS | estimate | error | s / evaluation |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach ((BackboneKind backbone, int size, int? tile) in configurations)
        {
            MemoryEstimate estimate = Estimate(backbone, size, tile);
            string tiles = tile is int side ? $"{side} px" : "whole";
            if (RunProbe(new ProbeRequest(backbone, size, tile)) is not (double peak, double seconds))
            {
                Console.WriteLine($"| {backbone} | {size}x{size} | {tiles} | failed | {estimate.TotalBytes >> 20} MB | | |");
                continue;
            }

            double error = ((estimate.TotalBytes / 1048576.0) - peak) / peak;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {backbone} | {size}x{size} | {tiles} | {peak:F0} MB | {estimate.TotalBytes >> 20} MB | {error:+0%;-0%} | {seconds:F1} |"));
        }
    }

    /// <summary>Runs <see cref="Probe"/> in a fresh process; its peak RSS in MB and seconds per evaluation, or null when it failed.</summary>
    /// <param name="request">The configuration.</param>
    /// <param name="tuning">Environment variables set for the child (its native allocator reads them at start-up).</param>
    public static (double PeakMegabytes, double SecondsPerEvaluation)? RunProbe(ProbeRequest request, AllocatorTuning? tuning = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach ((string name, string value) in tuning?.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        bool viaDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
        string[] probeArguments = ["rss-probe", .. request.ToArguments()];
        foreach (string argument in viaDotnet ? probeArguments.Prepend(typeof(MemoryReport).Assembly.Location) : probeArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process probe = Process.Start(start)!;
        string output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        string[] fields = output.Trim().Split(' ');
        return probe.ExitCode == 0 && fields.Length == 2
            && double.TryParse(fields[0], CultureInfo.InvariantCulture, out double peak)
            && double.TryParse(fields[1], CultureInfo.InvariantCulture, out double seconds)
            ? (peak, seconds)
            : null;
    }

    /// <summary>Runs one configuration and prints this process's peak RSS in MB and the seconds per evaluation.</summary>
    public static void Probe(ProbeRequest request)
    {
        using var extractor = BenchmarkSubject.CreateExtractor(request.Backbone);
        using Image<Rgb24> content = DemoImages.Lakeside(request.Size, request.Size);
        using Image<Rgb24> style = DemoImages.Swirls(request.Size, request.Size);
        var evaluationSeconds = new List<double>();
        using StyleTransferResult result = BenchmarkTransfer.Run(
            extractor, content, style, request.Evaluations, Tiling(request.Tile), new SynchronousProgress<StyleTransferProgress>(p => evaluationSeconds.Add(p.Elapsed.TotalSeconds)));

        // From the first evaluation's end to the last's: the evaluations alone, without loading and targets.
        double perEvaluation = (evaluationSeconds[^1] - evaluationSeconds[0]) / (evaluationSeconds.Count - 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakResidentMegabytes():F0} {perEvaluation:F2}"));
    }

    /// <summary>The library's estimate for the probe's configuration (default preset, L-BFGS, 3 evaluations).</summary>
    public static MemoryEstimate Estimate(BackboneKind backbone, int size, int? tile = null)
    {
        using var extractor = BenchmarkSubject.CreateExtractor(backbone);
        StyleTransferSettings settings = StyleTransferSettings.Default
            .WithOptimization(o => o with { Evaluations = Evaluations })
            .WithMemory(m => m with { Tiling = Tiling(tile) });
        return MemoryEstimator.Estimate(extractor, BenchmarkSubject.DefaultObjective(extractor), settings, size, size);
    }

    private static TilingSettings? Tiling(int? tile) => tile is int side ? new TilingSettings { TileSize = side } : null;

    private static double PeakResidentMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
