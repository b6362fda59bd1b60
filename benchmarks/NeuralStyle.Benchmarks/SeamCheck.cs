using System.Globalization;
using NeuralStyle.Benchmarks.Support;
using NeuralStyle.Configuration;
using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Are tile seams visible? Styles the same image with the real ResNet18 whole and in tiles, then
/// compares the results: the mean absolute difference near the core boundaries against elsewhere,
/// and writes whole | tiled | 8x difference side by side (<c>docs/images/tiling.jpg</c>).
/// </summary>
internal static class SeamCheck
{
    public static void Run(string docs, int width, int height, int tile, int evaluations)
    {
        using var extractor = ResNet18FeatureExtractor.Load();
        using Image<Rgb24> content = DemoImages.Lakeside(width, height);
        using Image<Rgb24> style = DemoImages.Swirls(512, 512);
        using StyleTransferResult whole = BenchmarkTransfer.Run(extractor, content, style, evaluations);
        using StyleTransferResult tiled = BenchmarkTransfer.Run(extractor, content, style, evaluations, new TilingSettings { TileSize = tile });
        Console.WriteLine(FormattableString.Invariant($"whole: {whole.Elapsed.TotalSeconds:F0} s, final loss {whole.LossHistory[^1].Total:G4}"));
        Console.WriteLine(FormattableString.Invariant($"tiled ({tile} px): {tiled.Elapsed.TotalSeconds:F0} s, final loss {tiled.LossHistory[^1].Total:G4}"));

        Image<Rgb24> a = whole.Image.Color, b = tiled.Image.Color;
        double[,] differences = ResultComparison.Differences(a, b);
        double near = 0, elsewhere = 0;
        long nearCount = 0, elsewhereCount = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (NearBoundary(x, width, tile) || NearBoundary(y, height, tile))
                {
                    near += differences[x, y];
                    nearCount++;
                }
                else
                {
                    elsewhere += differences[x, y];
                    elsewhereCount++;
                }
            }
        }

        Console.WriteLine(FormattableString.Invariant(
            $"mean |whole - tiled| (0-255): within 8 px of a tile boundary {near / nearCount:F2}, elsewhere {elsewhere / elsewhereCount:F2}"));
        ResultComparison.WriteSheet(Path.Combine(docs, "images", "tiling.jpg"), a, b, differences);
    }

    /// <summary>Whether a coordinate is within 8 px of an inner core boundary (the tiles split an axis into equal, 32-aligned cores).</summary>
    private static bool NearBoundary(int position, int length, int tile)
    {
        int count = (length + tile - 1) / tile;
        for (int k = 1; k < count; k++)
        {
            int boundary = (int)Math.Round(k * (double)length / count / 32) * 32;
            if (Math.Abs(position - boundary) < 8)
            {
                return true;
            }
        }

        return false;
    }

    public static void Run(string[] args) => Run(
        args.Length > 0 ? args[0] : "docs",
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 768,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 256,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 150);
}
