using System.Collections.ObjectModel;
using System.Globalization;
using NeuralStyle.Engine;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Imaging;

/// <summary>
/// A painting's palette as linear colour transfer sees it (Gatys et al. 2017, §3.1): the mean and
/// covariance of its RGB pixels in [0, 1]. A fast style model records its style's palette when it is
/// trained, and moves its results' colours towards it (<see cref="Recolor"/>); the transfer's
/// palette start uses the same mapping. Immutable; equal palettes have equal values.
/// </summary>
public sealed class ColorPalette : IEquatable<ColorPalette>
{
    /// <summary>
    /// The smallest variance (along any colour direction, in [0, 1]² units) an image is taken to have
    /// when it is recoloured (<see cref="Recolor"/>: its covariance's eigenvalues are raised to at least
    /// this): a nearly flat image is shifted, not stretched into noise. Images with more spread than
    /// this get the palette's covariance exactly.
    /// </summary>
    public static double VarianceFloor { get; } = 1e-3;

    /// <summary>The pixels recoloured at a time: the memory <see cref="Recolor"/> needs beyond its result (a few MB).</summary>
    private const long BandPixels = 1 << 16;

    /// <summary>Slack for rounding in the checks of a palette read from text.</summary>
    private const double Tolerance = 1e-9;

    private readonly Lazy<ReadOnlyCollection<double>> _covarianceSquareRoot;

    private ColorPalette(double[] mean, double[] covariance)
    {
        // Rounding in the sums can leave a zero variance at −1e-19 or the two halves a hair apart: made exact here, so every palette reads back.
        for (int i = 0; i < 3; i++)
        {
            covariance[(3 * i) + i] = Math.Max(0, covariance[(3 * i) + i]);
            for (int j = i + 1; j < 3; j++)
            {
                double symmetric = (covariance[(3 * i) + j] + covariance[(3 * j) + i]) / 2;
                covariance[(3 * i) + j] = covariance[(3 * j) + i] = symmetric;
            }
        }

        Mean = Array.AsReadOnly(mean);
        Covariance = Array.AsReadOnly(covariance);
        _covarianceSquareRoot = new Lazy<ReadOnlyCollection<double>>(() =>
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor root = ColorMatching.SquareRoot(torch.tensor(covariance, [3, 3], torch.ScalarType.Float64));
            return Array.AsReadOnly(root.contiguous().data<double>().ToArray());
        });
    }

    /// <summary>The mean red, green and blue, in [0, 1].</summary>
    public ReadOnlyCollection<double> Mean { get; }

    /// <summary>The 3x3 covariance of red, green and blue, row by row (9 values).</summary>
    public ReadOnlyCollection<double> Covariance { get; }

    /// <summary>
    /// <c>Σₚ^½</c>, the symmetric square root of <see cref="Covariance"/> (row by row, 9 values), the left
    /// factor of <see cref="Recolor"/>'s map as it computes it: for a runtime that recolours the way it does
    /// (the ONNX export's graph).
    /// </summary>
    public ReadOnlyCollection<double> CovarianceSquareRoot => _covarianceSquareRoot.Value;

    /// <summary>The palette of <paramref name="image"/>'s pixels (read a band at a time, so a large painting costs little memory).</summary>
    public static ColorPalette Of(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = ColorMatching.BandedStatistics(ImageTensor.FromImage(image).reshape(3, -1), BandPixels);
        return new ColorPalette(mean.data<double>().ToArray(), covariance.contiguous().data<double>().ToArray());
    }

    /// <summary>
    /// The palette of several images' pixels pooled, each image counting by its weight (the mixture's
    /// mean and covariance): the palette of a blend of styles. One palette is returned as it is.
    /// </summary>
    /// <exception cref="ArgumentException">No palettes, or a weight that is not a finite number above 0.</exception>
    public static ColorPalette Mix(IReadOnlyList<(ColorPalette Palette, double Weight)> palettes)
    {
        ArgumentNullException.ThrowIfNull(palettes);
        if (palettes.Count == 0 || palettes.Any(p => p.Palette is null || !double.IsFinite(p.Weight) || p.Weight <= 0))
        {
            throw new ArgumentException("Give at least one palette, each with a finite weight above 0.", nameof(palettes));
        }

        if (palettes.Count == 1)
        {
            return palettes[0].Palette;
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
    /// <paramref name="rgb"/> (<c>[N, 3, H, W]</c>, floating point, RGB in [0, 1]) with each image's
    /// colours moved <paramref name="share"/> of the way to this palette: each image is mapped as a whole
    /// by <c>x' = Σₚ^½ Σₓ^-½ (x − μₓ) + μₚ</c> (its own statistics, their variance at least 1e-3
    /// along every colour direction), clamped to [0, 1], then blended with it by the share. So its
    /// shapes and shading stay where they are; 0 leaves it, 1 gives it this mean and covariance. The
    /// result is a new tensor without gradient; the memory beyond it is a band's (a few MB) for a
    /// contiguous input (a non-contiguous one is copied an image at a time).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> is not a floating-point <c>[N, 3, H, W]</c> tensor.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is not a number from 0 to 1.</exception>
    public torch.Tensor Recolor(torch.Tensor rgb, double share)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.dim() != 4 || rgb.shape[1] != 3 || !rgb.is_floating_point())
        {
            throw new ArgumentException($"Give a floating-point [N, 3, H, W] RGB tensor (got {rgb.dtype} [{string.Join(", ", rgb.shape)}]).", nameof(rgb));
        }

        if (!(share is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be a number from 0 to 1.");
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        torch.Tensor mean = torch.tensor(Mean.ToArray(), torch.ScalarType.Float64, rgb.device);
        torch.Tensor covariance = torch.tensor(Covariance.ToArray(), [3, 3], torch.ScalarType.Float64, rgb.device);
        torch.Tensor result = torch.empty(rgb.shape, rgb.dtype, rgb.device);
        for (long k = 0; k < rgb.shape[0]; k++)
        {
            using var image = torch.NewDisposeScope();
            torch.Tensor pixels = rgb[k].reshape(3, -1);
            torch.Tensor target = result[k].view(3, -1);
            (torch.Tensor imageMean, torch.Tensor imageCovariance) = ColorMatching.BandedStatistics(pixels, BandPixels);
            (torch.Tensor transform, torch.Tensor offset) = ColorMatching.Mapping(imageMean, imageCovariance, mean, covariance, VarianceFloor);
            for (long start = 0; start < pixels.shape[1]; start += BandPixels)
            {
                using var band = torch.NewDisposeScope();
                torch.Tensor x = pixels.narrow(1, start, Math.Min(BandPixels, pixels.shape[1] - start));
                torch.Tensor mapped = (transform.mm(x.to(torch.ScalarType.Float64)) + offset).to(rgb.dtype).Between_(0, 1);
                target.narrow(1, start, x.shape[1]).copy_(ScalarArithmetic.Lerp(x, mapped, share));
            }
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The palette as text, the form a model file stores (stable across versions): the 3 means then the
    /// 9 covariances row by row, space-separated, invariant culture, round-trippable.
    /// </summary>
    public string ToText() => string.Join(' ', Mean.Concat(Covariance).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="ToText"/>'s text.</summary>
    /// <returns>
    /// False unless <paramref name="text"/> is 12 finite numbers that are a plausible palette of colours
    /// in [0, 1]: means from 0 to 1, variances from 0 to 0.25, a symmetric covariance whose correlations
    /// are within ±1 (each within 1e-9 for rounding).
    /// </returns>
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

        double[] mean = values[..3], covariance = values[3..];
        bool plausible = mean.All(m => m is >= -Tolerance and <= 1 + Tolerance);
        for (int i = 0; i < 3 && plausible; i++)
        {
            double variance = covariance[(3 * i) + i];
            plausible = variance is >= -Tolerance and <= 0.25 + Tolerance;
            for (int j = 0; j < 3 && plausible; j++)
            {
                double c = covariance[(3 * i) + j];
                plausible = Math.Abs(c - covariance[(3 * j) + i]) <= Tolerance
                    && Math.Abs(c) <= Math.Sqrt(covariance[(3 * i) + i] * covariance[(3 * j) + j]) + Tolerance;
            }
        }

        palette = plausible ? new ColorPalette(mean, covariance) : null;
        return plausible;
    }

    /// <inheritdoc />
    public bool Equals(ColorPalette? other) => other is not null && Mean.SequenceEqual(other.Mean) && Covariance.SequenceEqual(other.Covariance);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColorPalette);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mean[0], Mean[1], Mean[2], Covariance[0], Covariance[4], Covariance[8]);

    /// <summary>The palette as <see cref="ToText"/> writes it.</summary>
    public override string ToString() => ToText();
}
