using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// A result's scores against its pair, each relative to the unstyled photo's: how much of the
/// painting's texture and palette it reached, and how much of the photo's layout it kept.
/// </summary>
/// <param name="Style">Style (patch) distance to the painting divided by the photo's: 1 = the photo, 0 = the painting's own patch statistics.</param>
/// <param name="Palette">Palette (CIELAB colour) distance to the painting divided by the photo's: 1 = the photo's colours, 0 = the painting's.</param>
/// <param name="ContentKept">SSIM of the luminance at a quarter of the resolution against the photo: 1 = its layout exactly.</param>
internal sealed record QualityScores(double Style, double Palette, double ContentKept)
{
    /// <summary>The scores of <paramref name="image"/> (resized to the photo's size) for <paramref name="pair"/>.</summary>
    public static QualityScores Of(Image<Rgb24> image, QualityPair pair)
    {
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> sized = image.Clone(c => c.Resize(pair.Content.Width, pair.Content.Height));
        torch.Tensor result = ImageTensor.FromImage(sized), photo = ImageTensor.FromImage(pair.Content), painting = ImageTensor.FromImage(pair.Style);
        return new QualityScores(
            QualityMetrics.StyleDistance(result, painting) / QualityMetrics.StyleDistance(photo, painting),
            QualityMetrics.PaletteDistance(result, painting) / QualityMetrics.PaletteDistance(photo, painting),
            1 - QualityMetrics.ContentDistance(result, photo));
    }
}
