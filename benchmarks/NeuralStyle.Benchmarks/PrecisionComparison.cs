using System.Globalization;
using NeuralStyle.Benchmarks.Support;
using NeuralStyle.Features;
using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Do float32 and bf16 mixed precision give results that look the same? Styles the README's
/// pictures with the real ResNet18 in both, reports times and the pixel difference, and writes
/// float32 | bf16 | 8x difference (<c>docs/images/precision.jpg</c>).
/// </summary>
internal static class PrecisionComparison
{
    public static void Run(string[] args)
    {
        string docs = args.Length > 0 ? args[0] : "docs";
        int side = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 192;
        int evaluations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        using Image<Rgb24> content = DemoImages.Lakeside(side, side * 2 / 3);
        using Image<Rgb24> style = DemoImages.Swirls(side, side);
        using var single = ResNet18FeatureExtractor.Load();
        using var mixed = new MixedPrecisionExtractor(ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = TorchSharp.torch.ScalarType.BFloat16 }));
        using StyleTransferResult fp32 = BenchmarkTransfer.Run(single, content, style, evaluations);
        using StyleTransferResult bf16 = BenchmarkTransfer.Run(mixed, content, style, evaluations);
        double[,] differences = ResultComparison.Differences(fp32.Image.Color, bf16.Image.Color);
        double mean = differences.Cast<double>().Average();
        Console.WriteLine(FormattableString.Invariant(
            $"float32: {fp32.Elapsed.TotalSeconds:F1} s, style loss {fp32.LossHistory[^1].Style:G4}; bf16 mixed: {bf16.Elapsed.TotalSeconds:F1} s, style loss {bf16.LossHistory[^1].Style:G4}; mean |difference| {mean:F2}/255"));
        ResultComparison.WriteSheet(Path.Combine(docs, "images", "precision.jpg"), fp32.Image.Color, bf16.Image.Color, differences);
    }
}
