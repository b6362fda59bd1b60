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
    /// <summary>The library's recommended strength (the Default preset's): the style weights at a quarter of their strength-1 values, the start fully in the style's palette.</summary>
    public const double Recommended = 0.5;

    /// <summary>The power of <see cref="WeightScale"/>: each halving of the strength divides the style weight by 2^this.</summary>
    public const double WeightExponent = 2;

    /// <summary>The factor on the style and total variation weights at <paramref name="strength"/>: <c>strength ^ WeightExponent</c>.</summary>
    public static double WeightScale(double strength) => Math.Pow(strength, WeightExponent);

    /// <summary>
    /// How far a start in the style's palette is recoloured at <paramref name="strength"/> (0 = the
    /// photo's colours, 1 = the style's): <c>2 × strength</c>, all of the style's palette from
    /// <see cref="Recommended"/> up.
    /// </summary>
    public static double PaletteBlend(double strength) => Math.Clamp(strength / Recommended, 0, 1);
}
