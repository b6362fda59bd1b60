using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Benchmarks.Support;

/// <summary>Two results of the same transfer side by side: per-pixel differences and a sheet <c>a | b | 8x difference</c>.</summary>
internal static class ResultComparison
{
    /// <summary>Mean absolute RGB difference (0-255) at each pixel.</summary>
    public static double[,] Differences(Image<Rgb24> a, Image<Rgb24> b)
    {
        var differences = new double[a.Width, a.Height];
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                Rgb24 p = a[x, y], q = b[x, y];
                differences[x, y] = (Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B)) / 3.0;
            }
        }

        return differences;
    }

    /// <summary>Writes <c>a | b | 8x difference</c> as a JPEG (a noisy difference image makes a large PNG).</summary>
    public static void WriteSheet(string path, Image<Rgb24> a, Image<Rgb24> b, double[,] differences)
    {
        int width = a.Width, height = a.Height;
        using var difference = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte shown = (byte)Math.Min(255, differences[x, y] * 8);
                difference[x, y] = new Rgb24(shown, shown, shown);
            }
        }

        using var sheet = new Image<Rgb24>((3 * width) + 16, height, new Rgb24(255, 255, 255));
        sheet.Mutate(c => c.DrawImage(a, new Point(0, 0), 1f).DrawImage(b, new Point(width + 8, 0), 1f).DrawImage(difference, new Point((2 * width) + 16, 0), 1f));
        sheet.SaveAsJpeg(path, new JpegEncoder { Quality = 85 });
        Console.WriteLine($"wrote {path}");
    }
}
