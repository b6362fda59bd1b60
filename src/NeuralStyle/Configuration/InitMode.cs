namespace NeuralStyle.Configuration;

/// <summary>What the optimised image starts from.</summary>
public enum InitMode
{
    /// <summary>The content photo (the Keras example; fastest to a good result).</summary>
    Content,

    /// <summary>The (first) style image, resized to the content's size.</summary>
    Style,

    /// <summary>Uniform noise in [0, 1], seeded.</summary>
    Noise,

    /// <summary>A flat mid-gray image (0.5 in every channel).</summary>
    Gray,

    /// <summary>
    /// The content photo recoloured to the style images' palettes: its RGB mean and covariance are
    /// mapped onto each style's (the colour transfer of Gatys et al. 2017, from the painting to the
    /// photo), unmasked styles blended by their weights, a masked style only within its mask; so
    /// the optimisation starts from the scene in the painting's colours. How far is set by the
    /// strength (<see cref="StrengthCurve.PaletteBlend"/>). The default. With
    /// <see cref="ColorPreservation.ColorMatching"/> the styles already carry the photo's colours,
    /// so this start is the photo; with <see cref="ColorPreservation.LuminanceOnly"/> only its
    /// brightness shift reaches the result.
    /// </summary>
    ContentInStylePalette,
}
