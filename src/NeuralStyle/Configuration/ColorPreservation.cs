namespace NeuralStyle.Configuration;

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

    /// <summary>
    /// Colour matching (Gatys et al. 2017): before styling, each style image is recoloured so its
    /// RGB mean and covariance equal the content photo's (x' = Σc^½ Σs^-½ (x − μs) + μc);
    /// the result then has the photo's palette with the style's texture and local colour contrast.
    /// </summary>
    ColorMatching,
}
