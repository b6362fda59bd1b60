namespace NeuralStyle.Transfer;

/// <summary>
/// Coarse-to-fine optimisation: the transfer first runs at a small size, then at sizes growing by
/// <see cref="Factor"/> up to the output size, each scale starting from the previous result
/// upsampled, with content and style targets recomputed at that scale's size. Large structures
/// form cheaply at the coarse scales; the fine ones add detail.
/// </summary>
public sealed record MultiScaleSettings
{
    /// <summary>Longest side of the first (coarsest) scale in pixels (default 128).</summary>
    public int SmallestSide { get; init; } = 128;

    /// <summary>Ratio between consecutive scales' sides (default √2: each scale has twice the pixels of the one before).</summary>
    public double Factor { get; init; } = Math.Sqrt(2);

    /// <summary>
    /// Evaluations at each scale before the last; the last (output) scale spends
    /// <see cref="StyleTransferSettings.Iterations"/>. Null (the default) gives each coarse scale
    /// the same budget as the last.
    /// </summary>
    public int? CoarseIterations { get; init; }

    /// <summary>
    /// The longest sides of the scales for an output whose longest side is <paramref name="targetSide"/>:
    /// <c>target / factor^k</c> for k = n..0, the first not below <see cref="SmallestSide"/>
    /// (a single scale when the target is that small already).
    /// </summary>
    public IReadOnlyList<int> Sides(int targetSide)
    {
        var sides = new List<int> { targetSide };
        for (double side = targetSide / Factor; Math.Round(side) >= SmallestSide; side /= Factor)
        {
            sides.Add((int)Math.Round(side));
        }

        sides.Reverse();
        return sides;
    }

    /// <summary>Lists every problem with these settings.</summary>
    public IEnumerable<string> Validate()
    {
        if (SmallestSide < 32)
        {
            yield return $"MultiScale.SmallestSide must be at least 32 px (got {SmallestSide}).";
        }

        if (!(Factor >= 1.1) || Factor > 4 || double.IsNaN(Factor))
        {
            yield return $"MultiScale.Factor must be between 1.1 and 4 (got {Factor}).";
        }

        if (CoarseIterations < 1)
        {
            yield return $"MultiScale.CoarseIterations must be at least 1 or null (got {CoarseIterations}).";
        }
    }
}
