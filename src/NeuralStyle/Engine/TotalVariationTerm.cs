using NeuralStyle.Features;
using NeuralStyle.Losses;

namespace NeuralStyle.Engine;

/// <summary>The total variation term: a penalty on differences between neighbouring pixels.</summary>
public sealed class TotalVariationTerm : ObjectiveTerm
{
    private readonly TotalVariationLoss _loss;

    /// <summary>Creates the term.</summary>
    /// <param name="weight">The term's weight (finite, at least 0).</param>
    /// <param name="formula">The penalty.</param>
    public TotalVariationTerm(double weight, TotalVariationFormula formula)
        : base(ObjectiveTermKind.TotalVariation, weight) => _loss = new TotalVariationLoss(formula);

    /// <inheritdoc />
    public override IReadOnlyList<FeatureLayer> Layers => [];

    /// <inheritdoc />
    public override IEnumerable<WeightedLoss> Losses(TermInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Weight > 0 ? [new WeightedLoss(_loss.Compute(input.Image), Weight, null)] : [];
    }
}
