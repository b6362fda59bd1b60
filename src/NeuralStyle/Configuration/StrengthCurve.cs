namespace NeuralStyle.Configuration;

/// <summary>
/// How <see cref="ObjectiveSettings.StyleStrength"/> maps onto the objective, the same for every
/// backbone: the style and total variation weights are scaled by <see cref="WeightScale"/>, and a
/// start in the style's palette (<see cref="InitMode.ContentInStylePalette"/>) is recoloured by
/// <see cref="PaletteBlend"/>. Strength 0 is the photo (no style, no smoothing, the photo's own
/// colours); strength 1 applies the weights as given.
/// </summary>
public static class StrengthCurve
{
    /// <summary>The library's recommended strength, the Default preset's (calibrated on the quality benchmark, docs/quality.md).</summary>
    public static double Recommended => 0.5;

    /// <summary>The power of <see cref="WeightScale"/>: each halving of the strength divides the style weight by 2 to this power.</summary>
    public static double WeightExponent => 2;

    /// <summary>The strength from which a start in the style's palette takes all of the style's palette.</summary>
    public static double FullPaletteAt => 0.5;

    /// <summary>The factor on the style and total variation weights at <paramref name="strength"/>: <c>strength ^ WeightExponent</c>.</summary>
    public static double WeightScale(double strength) => Math.Pow(strength, WeightExponent);

    /// <summary>
    /// How far a start in the style's palette is recoloured at <paramref name="strength"/> (0 = the
    /// photo's colours, 1 = the style's): linear from 0 at strength 0 to 1 at
    /// <see cref="FullPaletteAt"/>, then 1.
    /// </summary>
    public static double PaletteBlend(double strength) => Math.Clamp(strength / FullPaletteAt, 0, 1);
}
