using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Testing;

/// <summary>Small images made in code for tests (no files from outside the project).</summary>
public static class TestImages
{
    /// <summary>A smooth colour gradient with a bright disc: a stand-in "photo".</summary>
    public static Image<Rgb24> Photo(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    double dx = x - (width * 0.6), dy = y - (height * 0.4);
                    bool disc = (dx * dx) + (dy * dy) < width * height / 16.0;
                    row[x] = disc
                        ? new Rgb24(250, 230, 120)
                        : new Rgb24((byte)(40 + (150 * x / width)), (byte)(80 + (100 * y / height)), (byte)(200 - (120 * y / height)));
                }
            }
        });
        return image;
    }

    /// <summary>Diagonal stripes in two strong colours: a stand-in "painting" with a clear texture.</summary>
    public static Image<Rgb24> Painting(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    bool stripe = ((x + y) / 4 % 2) == 0;
                    byte swirl = (byte)(127 + (120 * Math.Sin((x * 0.5) + (y * 0.3))));
                    row[x] = stripe ? new Rgb24(20, 40, swirl) : new Rgb24(swirl, 200, 30);
                }
            }
        });
        return image;
    }
}
