using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>Lays images out in a grid (rows of equal-height cells) on a white background.</summary>
internal static class ContactSheet
{
    public static Image<Rgb24> Compose(IReadOnlyList<IReadOnlyList<Image<Rgb24>>> rows, int cellHeight, int gap = 4)
    {
        List<List<Image<Rgb24>>> scaled = rows
            .Select(row => row.Select(image => image.Clone(c => c.Resize(0, cellHeight))).ToList())
            .ToList();
        int width = scaled.Max(row => row.Sum(i => i.Width + gap)) + gap;
        int height = (scaled.Count * (cellHeight + gap)) + gap;
        var sheet = new Image<Rgb24>(width, height, new Rgb24(255, 255, 255));
        int y = gap;
        foreach (List<Image<Rgb24>> row in scaled)
        {
            int x = gap;
            foreach (Image<Rgb24> image in row)
            {
                int left = x;
                sheet.Mutate(c => c.DrawImage(image, new Point(left, y), 1f));
                x += image.Width + gap;
                image.Dispose();
            }

            y += cellHeight + gap;
        }

        return sheet;
    }
}
