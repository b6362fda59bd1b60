using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Benchmarks.Support;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Peak resident memory of a real run (default preset, L-BFGS, 3 evaluations) per backbone and
/// size, each in a fresh process so peaks do not mix: the parent starts one probe per
/// configuration and reads the child's <c>VmHWM</c>.
/// </summary>
internal static class MemoryReport
{
    public static void Run(IEnumerable<(BackboneKind Backbone, int Size)> configurations)
    {
        Console.WriteLine("| backbone | size | peak RSS | estimate | error |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach ((BackboneKind backbone, int size) in configurations)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            bool viaDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
            string[] probeArguments = ["rss-probe", backbone.ToString(), size.ToString(CultureInfo.InvariantCulture)];
            foreach (string argument in viaDotnet ? probeArguments.Prepend(typeof(MemoryReport).Assembly.Location) : probeArguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process probe = Process.Start(start)!;
            string output = probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
            MemoryEstimate estimate = Estimate(backbone, size);
            if (probe.ExitCode != 0 || !double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out double peak))
            {
                Console.WriteLine($"| {backbone} | {size}x{size} | failed (exit {probe.ExitCode}) | {estimate.TotalBytes >> 20} MB | |");
                continue;
            }

            double error = ((estimate.TotalBytes / 1048576.0) - peak) / peak;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {backbone} | {size}x{size} | {peak:F0} MB | {estimate.TotalBytes >> 20} MB | {error:+0%;-0%} |"));
        }
    }

    /// <summary>Runs one configuration and prints this process's peak RSS in MB.</summary>
    public static void Probe(BackboneKind backbone, int size)
    {
        using var extractor = BenchmarkSubject.CreateExtractor(backbone);
        using Image<Rgb24> content = DemoImages.Lakeside(size, size);
        using Image<Rgb24> style = DemoImages.Swirls(size, size);
        using StyleTransferResult result = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor).WithContent(content).AddStyle(style)
            .WithSize(OutputSize.Original).WithIterations(3).Build().Run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakResidentMegabytes():F0}"));
    }

    /// <summary>The library's estimate for the probe's configuration (default preset, L-BFGS, 3 evaluations).</summary>
    public static MemoryEstimate Estimate(BackboneKind backbone, int size)
    {
        using var extractor = BenchmarkSubject.CreateExtractor(backbone);
        RecommendedLayers layers = extractor.Recommended;
        var settings = new StyleTransferSettings();
        var definition = new ObjectiveDefinition([new WeightedLayer(layers.Content, 1)], layers.Style, 1, 10, 10,
            settings.ContentFormula, settings.StyleFormula, settings.TotalVariationFormula);
        return MemoryEstimator.Estimate(extractor, definition, settings.Optimizer, 3, size, size);
    }

    private static double PeakResidentMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
