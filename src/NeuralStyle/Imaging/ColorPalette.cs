using System.Globalization;
using NeuralStyle.Engine;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Imaging;

/// <summary>
/// A painting's palette as linear colour transfer sees it (Gatys et al. 2017, §3.1): the mean and
/// covariance of its RGB pixels in [0, 1]. A fast style model records its style's palette when it is
/// trained, and moves its results' colours towards it (<see cref="Recolour"/>); the transfer's
/// palette start uses the same mapping.
/// </summary>
public sealed class ColorPalette : IEquatable<ColorPalette>
{
    /// <summary>The variance (per RGB axis, in [0, 1]² units) added to an image's own before it is recoloured: a nearly flat image is shifted, not stretched into noise.</summary>
    public const double VarianceFloor = 1e-3;

    /// <summary>The pixels recoloured at a time: the memory <see cref="Recolour"/> needs beyond its result (a few MB).</summary>
    private const long BandPixels = 1 << 16;

    private ColorPalette(double[] mean, double[] covariance)
    {
        Mean = mean;
        Covariance = covariance;
    }

    /// <summary>The mean red, green and blue, in [0, 1].</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The 3x3 covariance of red, green and blue, row by row (9 values).</summary>
    public IReadOnlyList<double> Covariance { get; }

    /// <summary>The palette of <paramref name="image"/>'s pixels.</summary>
    public static ColorPalette Of(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = ColorMatching.Statistics(ImageTensor.FromImage(image));
        return new ColorPalette(mean.data<double>().ToArray(), covariance.contiguous().data<double>().ToArray());
    }

    /// <summary>
    /// The palette of several images' pixels pooled, each image counting by its weight (the mixture's
    /// mean and covariance): the palette of a blend of styles.
    /// </summary>
    /// <exception cref="ArgumentException">No palettes, or a weight that is not a finite number above 0.</exception>
    public static ColorPalette Mix(IReadOnlyList<(ColorPalette Palette, double Weight)> palettes)
    {
        ArgumentNullException.ThrowIfNull(palettes);
        if (palettes.Count == 0 || palettes.Any(p => p.Palette is null || !double.IsFinite(p.Weight) || p.Weight <= 0))
        {
            throw new ArgumentException("Give at least one palette, each with a finite weight above 0.", nameof(palettes));
        }

        double total = palettes.Sum(p => p.Weight);
        double[] mean = new double[3], covariance = new double[9];
        foreach ((ColorPalette palette, double weight) in palettes)
        {
            for (int i = 0; i < 3; i++)
            {
                mean[i] += weight / total * palette.Mean[i];
                for (int j = 0; j < 3; j++)
                {
                    // E[x xᵀ] of the mixture, made central below.
                    covariance[(3 * i) + j] += weight / total * (palette.Covariance[(3 * i) + j] + (palette.Mean[i] * palette.Mean[j]));
                }
            }
        }

        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                covariance[(3 * i) + j] -= mean[i] * mean[j];
            }
        }

        return new ColorPalette(mean, covariance);
    }

    /// <summary>
    /// <paramref name="rgb"/> (<c>[N, 3, H, W]</c>, RGB in [0, 1]) with each image's colours moved
    /// <paramref name="share"/> of the way to this palette (0 leaves it, 1 gives it this mean and
    /// covariance), clamped to [0, 1]. Each image is mapped as a whole, so its shapes and shading stay
    /// where they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is not a number from 0 to 1.</exception>
    public torch.Tensor Recolour(torch.Tensor rgb, double share)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (!(share is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be a number from 0 to 1.");
        }

        using var scope = torch.NewDisposeScope();
        torch.Tensor mean = torch.tensor(Mean.ToArray(), torch.ScalarType.Float64, rgb.device);
        torch.Tensor covariance = torch.tensor(Covariance.ToArray(), [3, 3], torch.ScalarType.Float64, rgb.device);
        torch.Tensor result = torch.empty(rgb.shape, rgb.dtype, rgb.device);
        for (long k = 0; k < rgb.shape[0]; k++)
        {
            // Band by band, so the memory beyond the result is a band's whatever the image's size.
            torch.Tensor pixels = rgb[k].reshape(3, -1);
            torch.Tensor target = result[k].view(3, -1);
            (torch.Tensor imageMean, torch.Tensor imageCovariance) = ColorMatching.BandedStatistics(pixels, BandPixels);
            (torch.Tensor transform, torch.Tensor offset) = ColorMatching.Mapping(imageMean, imageCovariance, mean, covariance, VarianceFloor);
            for (long start = 0; start < pixels.shape[1]; start += BandPixels)
            {
                using var band = torch.NewDisposeScope();
                torch.Tensor x = pixels.narrow(1, start, Math.Min(BandPixels, pixels.shape[1] - start));
                torch.Tensor mapped = (transform.mm(x.to(torch.ScalarType.Float64)) + offset).to(rgb.dtype).clamp_(0, 1);
                target.narrow(1, start, x.shape[1]).copy_(torch.lerp(x, mapped, share));
            }
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public bool Equals(ColorPalette? other) => other is not null && Mean.SequenceEqual(other.Mean) && Covariance.SequenceEqual(other.Covariance);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColorPalette);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mean[0], Mean[1], Mean[2], Covariance[0], Covariance[4], Covariance[8]);

    /// <summary>The palette as text: the 3 means then the 9 covariances, invariant culture, round-trippable (what a model file stores).</summary>
    public override string ToString() => string.Join(' ', Mean.Concat(Covariance).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="ToString"/>'s text.</summary>
    /// <returns>False when <paramref name="text"/> is not 12 finite numbers with variances of 0 or more.</returns>
    public static bool TryParse(string? text, out ColorPalette? palette)
    {
        palette = null;
        string[] parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double[] values = new double[12];
        if (parts.Length != values.Length)
        {
            return false;
        }

        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                return false;
            }
        }

        if (values[3] < 0 || values[7] < 0 || values[11] < 0)
        {
            return false;
        }

        palette = new ColorPalette(values[..3], values[3..]);
        return true;
    }
}
