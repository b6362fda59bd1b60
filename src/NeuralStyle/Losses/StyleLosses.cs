namespace NeuralStyle.Losses;

/// <summary>Creates the style loss a setting names.</summary>
internal static class StyleLosses
{
    /// <summary>The style loss of <paramref name="kind"/>; <paramref name="formula"/> applies to <see cref="StyleLossKind.Gram"/>.</summary>
    public static IStyleLoss Create(StyleLossKind kind, StyleLossFormula formula) => kind switch
    {
        StyleLossKind.Gram => new GramStyleLoss(formula),
        StyleLossKind.MeanCovariance => new MeanCovarianceStyleLoss(),
        StyleLossKind.Wasserstein => new WassersteinStyleLoss(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown style loss kind."),
    };
}
