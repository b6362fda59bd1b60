using NeuralStyle.Losses;

namespace NeuralStyle.Configuration;

/// <summary>
/// What the objective is: which layers are compared, by which formulas, weighted how. The layers
/// are names, resolved by the feature extractor at <c>Build()</c> into a <see cref="Transfer.ResolvedObjective"/>.
/// </summary>
public sealed record ObjectiveSettings
{
    /// <summary>Content layers and weights; null uses the feature extractor's recommendation.</summary>
    public IReadOnlyList<LayerChoice>? ContentLayers { get; init; }

    /// <summary>Style layers and weights; null uses the feature extractor's recommendation.</summary>
    public IReadOnlyList<LayerChoice>? StyleLayers { get; init; }

    /// <summary>
    /// How much style, from 0 (the photo) to 1 (as much as the method gives while the scene is
    /// still there); the default is the library's recommendation. It scales
    /// <see cref="StyleWeight"/> and <see cref="TotalVariationWeight"/> by
    /// <see cref="StrengthCurve.WeightScale"/> (1 at strength 1: the weights as given,
    /// for experts) and sets how far <see cref="InitMode.ContentInStylePalette"/> recolours the start.
    /// </summary>
    public double StyleStrength { get; init; } = StrengthCurve.Recommended;

    /// <summary>Weight of the content term (default 1).</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>Weight of the style term at <see cref="StyleStrength"/> 1 (default 40, scaled by the strength: see <see cref="StyleWeightInForce"/>).</summary>
    public double StyleWeight { get; init; } = 40;

    /// <summary>Weight of the total variation (smoothness) term at <see cref="StyleStrength"/> 1 (default 40, scaled by the strength: see <see cref="StyleWeightInForce"/>).</summary>
    public double TotalVariationWeight { get; init; } = 40;

    /// <summary>The style weight the objective uses: <see cref="StyleWeight"/> times <see cref="StrengthCurve.WeightScale"/> of <see cref="StyleStrength"/>.</summary>
    internal double StyleWeightInForce => StyleWeight * StrengthCurve.WeightScale(StyleStrength);

    /// <summary>The total variation weight the objective uses: <see cref="TotalVariationWeight"/> scaled like <see cref="StyleWeightInForce"/>.</summary>
    internal double TotalVariationWeightInForce => TotalVariationWeight * StrengthCurve.WeightScale(StyleStrength);

    /// <summary>Content loss formula (default <see cref="ContentLossFormula.Relative"/>).</summary>
    public ContentLossFormula ContentFormula { get; init; } = ContentLossFormula.Relative;

    /// <summary>Style loss formula for Gram matrices (default <see cref="StyleLossFormula.Relative"/>).</summary>
    public StyleLossFormula StyleFormula { get; init; } = StyleLossFormula.Relative;

    /// <summary>Which statistic the style loss matches: Gram matrices (default), mean and covariance, or the Wasserstein-2 distance.</summary>
    public StyleLossKind StyleLoss { get; init; } = StyleLossKind.Gram;

    /// <summary>Total variation formula (default <see cref="Losses.TotalVariationFormula.MeanSquare"/>).</summary>
    public TotalVariationFormula TotalVariationFormula { get; init; } = TotalVariationFormula.MeanSquare;

    /// <summary>
    /// Divide each content and style layer's gradient by its L1 norm (neural-style's
    /// <c>-normalize_gradients</c>); the reported losses are unchanged. Needs Adam or SGD: the
    /// normalised gradient is not the loss's gradient, which L-BFGS's line search relies on.
    /// </summary>
    public bool NormalizeGradients { get; init; }

    /// <summary>Records what is wrong with the settings: weights, formulas, layer names and the strength.</summary>
    /// <param name="problems">Where problems are recorded.</param>
    public void Validate(ProblemList problems)
    {
        SettingDescriptions.StyleStrength.Check(problems, StyleStrength);
        SettingDescriptions.ContentWeight.Check(problems, ContentWeight);
        SettingDescriptions.StyleWeight.Check(problems, StyleWeight);
        SettingDescriptions.TotalVariationWeight.Check(problems, TotalVariationWeight);
        ValidateLayers(problems, Setting.ContentLayers, "content", ContentLayers);
        ValidateLayers(problems, Setting.StyleLayers, "style", StyleLayers);
        problems.RequireDefined(ContentFormula, Setting.ContentFormula);
        problems.RequireDefined(StyleFormula, Setting.StyleFormula);
        problems.RequireDefined(StyleLoss, Setting.StyleLoss);
        problems.RequireDefined(TotalVariationFormula, Setting.TotalVariationFormula);
    }

    private static void ValidateLayers(ProblemList problems, Setting setting, string kind, IReadOnlyList<LayerChoice>? layers)
    {
        if (layers is null)
        {
            return;
        }

        problems.Require(layers.Count > 0, setting, $"At least one {kind} layer is needed.", "Name one, or leave them unset (null) for the extractor's recommendation.");
        foreach (LayerChoice? layer in layers)
        {
            if (layer is null || string.IsNullOrWhiteSpace(layer.Name))
            {
                problems.Add(setting, $"A {kind} layer has no name.", "Name every layer, e.g. relu4_2 (VGG19) or layer3.0 (ResNet18).");
                continue;
            }

            problems.Require(
                layer.Weight >= 0 && !double.IsInfinity(layer.Weight),
                setting,
                FormattableString.Invariant($"The weight of {kind} layer '{layer.Name}' must be a finite number >= 0 (got {layer.Weight})."),
                "Use 0 to keep the layer without effect.");
        }
    }
}
