namespace NeuralStyle.Transfer;

/// <summary>Whether the result keeps the content photo's colours.</summary>
public enum ColorPreservation
{
    /// <summary>The result takes the style's colours too (the default).</summary>
    None,

    /// <summary>
    /// Luminance-only transfer (Gatys et al. 2017): the result's luminance (Y of BT.601 YCbCr) is
    /// kept and its chroma (Cb, Cr) replaced by the content photo's, so only brightness patterns,
    /// brush strokes and texture come from the style.
    /// </summary>
    LuminanceOnly,
}
