namespace NeuralStyle.Losses;

/// <summary>How the Gram style loss normalises Gram matrices and compares them.</summary>
public enum StyleLossFormula
{
    /// <summary>
    /// The Keras example exactly: unnormalised Gram <c>F Fᵀ</c>, sum of squared differences divided
    /// by <c>4 · 3² · (H·W)²</c> with H, W of the image (the 3 is hard-coded, as in the seed).
    /// </summary>
    KerasExample,

    /// <summary>Gram divided by <c>C·h·w</c> (per-layer normalised); mean of squared differences.</summary>
    NormalizedGram,

    /// <summary>
    /// Gram divided by <c>h·w</c>; squared difference divided by the target Gram's squared norm:
    /// every layer contributes on the same scale whatever its size.
    /// </summary>
    Relative,
}
