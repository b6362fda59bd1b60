using NeuralStyle.Configuration;
using NeuralStyle.Features;

namespace NeuralStyle.Transfer;

/// <summary>
/// A transfer's objective with its layers resolved by the feature extractor: the
/// <see cref="ObjectiveSettings"/> it was resolved from (weights, formulas, statistic) and the typed
/// layers they name, or the extractor's recommendation where they name none.
/// </summary>
public sealed record ResolvedObjective
{
    internal ResolvedObjective(ObjectiveSettings settings, IReadOnlyList<WeightedLayer> contentLayers, IReadOnlyList<WeightedLayer> styleLayers)
    {
        Settings = settings;
        ContentLayers = contentLayers;
        StyleLayers = styleLayers;
    }

    /// <summary>The content term's weight in force: <see cref="ObjectiveSettings.ContentWeight"/>.</summary>
    public double ContentWeight => Settings.ContentWeight;

    /// <summary>The style term's weight in force: <see cref="ObjectiveSettings.StyleWeight"/> scaled by the strength (<see cref="StrengthCurve.WeightScale"/>).</summary>
    public double StyleWeight => Settings.StyleWeightInForce;

    /// <summary>The total variation term's weight in force: <see cref="ObjectiveSettings.TotalVariationWeight"/> scaled by the strength.</summary>
    public double TotalVariationWeight => Settings.TotalVariationWeightInForce;

    /// <summary>The objective's settings (weights, formulas, statistic).</summary>
    public ObjectiveSettings Settings { get; internal init; }

    /// <summary>Content layers and their weights.</summary>
    public IReadOnlyList<WeightedLayer> ContentLayers { get; internal init; }

    /// <summary>Style layers and their weights.</summary>
    public IReadOnlyList<WeightedLayer> StyleLayers { get; internal init; }

    /// <summary>Every layer the objective reads (content and style layers, each once, content first).</summary>
    public IReadOnlyList<FeatureLayer> Layers => ContentLayers.Concat(StyleLayers).Select(l => l.Layer).Distinct().ToArray();

    /// <summary>The deepest layer the objective reads.</summary>
    public FeatureLayer Deepest => Layers.MaxBy(l => l.Depth)!;

    /// <summary>
    /// Resolves <paramref name="settings"/>' layer names with <paramref name="extractor"/>,
    /// recording every name it does not know in <paramref name="problems"/>.
    /// </summary>
    /// <param name="extractor">The network whose layer names are resolved.</param>
    /// <param name="settings">The objective's settings.</param>
    /// <param name="problems">Where unknown names are recorded.</param>
    public static ResolvedObjective Resolve(IFeatureExtractor extractor, ObjectiveSettings settings, ProblemList problems)
    {
        RecommendedLayers recommended = extractor.Recommended;
        IReadOnlyList<WeightedLayer> content = settings.ContentLayers is null
            ? [new WeightedLayer(recommended.Content, 1)]
            : ResolveLayers(extractor, settings.ContentLayers, Setting.ContentLayers, problems);
        IReadOnlyList<WeightedLayer> style = settings.StyleLayers is null
            ? recommended.Style
            : ResolveLayers(extractor, settings.StyleLayers, Setting.StyleLayers, problems);
        return new ResolvedObjective(settings, content, style);
    }

    private static List<WeightedLayer> ResolveLayers(IFeatureExtractor extractor, IReadOnlyList<LayerChoice> choices, Setting setting, ProblemList problems)
    {
        var layers = new List<WeightedLayer>();
        foreach (LayerChoice? choice in choices)
        {
            if (choice is null || string.IsNullOrWhiteSpace(choice.Name))
            {
                continue;
            }

            if (extractor.TryParseLayer(choice.Name, out FeatureLayer? layer, out string? problem))
            {
                layers.Add(new WeightedLayer(layer, choice.Weight));
            }
            else
            {
                problems.Add(setting, problem, $"Name layers of {extractor.Name}, or leave them unset for its recommendation.");
            }
        }

        return layers;
    }
}
