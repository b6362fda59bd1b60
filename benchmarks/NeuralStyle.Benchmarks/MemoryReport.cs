using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Benchmarks.Support;
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
        Console.WriteLine("| backbone | size | peak RSS |");
        Console.WriteLine("|---|---|---|");
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
            string peak = probe.ExitCode == 0 ? output.Trim() : $"failed (exit {probe.ExitCode})";
            Console.WriteLine($"| {backbone} | {size}x{size} | {peak} |");
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakResidentMegabytes():F0} MB"));
    }

    private static double PeakResidentMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
