using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// The start of <see cref="Configuration.InitMode.ContentInStylePalette"/>: the content photo
/// recoloured to the style images' palettes (their RGB mean and covariance). Unmasked styles'
/// recolourings are blended by their weights; a masked style recolours only where its mask is, so
/// what no mask covers keeps the photo's colours. Blended with the photo by the strength's share.
/// </summary>
internal static class PaletteStart
{
    /// <summary>The start for RGB <paramref name="content"/> and <paramref name="styles"/> (RGB, masks at the content's size), <paramref name="blend"/> of the way to the palettes.</summary>
    public static torch.Tensor Of(torch.Tensor content, IReadOnlyList<StyleTensor> styles, double blend)
    {
        using var scope = torch.NewDisposeScope();
        StyleTensor[] shared = styles.Where(s => s.Mask is null).ToArray();
        torch.Tensor start = content;
        if (shared.Length > 0)
        {
            double total = shared.Sum(s => s.Weight);
            start = shared.Select(s => Recolour(content, s.Image).Times(s.Weight / total)).Aggregate((a, b) => a + b);
        }

        StyleTensor[] masked = styles.Where(s => s.Mask is not null).ToArray();
        if (masked.Length > 0)
        {
            // Overlapping masks share their pixels; a pixel no mask covers keeps the shared start.
            torch.Tensor coverage = masked.Select(s => s.Mask!).Aggregate((a, b) => a + b).AtLeast(1);
            torch.Tensor regional = masked.Select(s => (Recolour(content, s.Image) - start) * (s.Mask! / coverage)).Aggregate((a, b) => a + b);
            start = start + regional;
        }

        return ScalarArithmetic.Lerp(content, start.Between(0, 1), blend).MoveToOuterDisposeScope();
    }

    private static torch.Tensor Recolour(torch.Tensor content, torch.Tensor style) => ColorMatching.MatchStatistics(content, style).Between(0, 1);
}
