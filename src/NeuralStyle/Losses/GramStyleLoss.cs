using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// Style loss of one layer: distance between the Gram matrix of the image's features and a target
/// Gram computed once from the style image(s) with <see cref="Statistic"/>.
/// </summary>
internal sealed class GramStyleLoss : IStyleLoss
{
    /// <summary>Creates a style loss.</summary>
    /// <param name="formula">How Gram matrices are normalised and compared.</param>
    public GramStyleLoss(StyleLossFormula formula)
    {
        if (!Enum.IsDefined(formula))
        {
            throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown style loss formula.");
        }

        Formula = formula;
    }

    /// <summary>How Gram matrices are normalised and compared.</summary>
    public StyleLossFormula Formula { get; }

    /// <summary>The Gram matrix of <paramref name="features"/> normalised as <see cref="Formula"/> requires.</summary>
    public torch.Tensor Statistic(torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = torch.NewDisposeScope();
        return Gram(FeatureMoments.Matrix(features), null).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor PrepareTarget(torch.Tensor statistic) => statistic;

    /// <summary>Returns the (unweighted) loss of one layer as a scalar tensor.</summary>
    /// <param name="features">The image's activations at the layer.</param>
    /// <param name="target">The target Gram from <see cref="Statistic"/>.</param>
    /// <param name="imageHeight">Height of the optimised image (used by <see cref="StyleLossFormula.KerasExample"/>).</param>
    /// <param name="imageWidth">Width of the optimised image (used by <see cref="StyleLossFormula.KerasExample"/>).</param>
    /// <param name="mask">Optional position weights <c>[h·w]</c>: the Gram is taken over the masked positions.</param>
    public torch.Tensor Compute(torch.Tensor features, torch.Tensor target, long imageHeight, long imageWidth, torch.Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        torch.Tensor squared = (Gram(FeatureMoments.Matrix(features), mask) - target).square().sum();
        torch.Tensor loss = Formula switch
        {
            StyleLossFormula.KerasExample => squared.DividedBy(4.0 * 3 * 3 * Math.Pow((double)imageHeight * imageWidth, 2)),
            StyleLossFormula.NormalizedGram => squared.DividedBy(target.numel()),
            StyleLossFormula.Relative => squared / target.square().sum().AtLeast(1e-12),
            _ => throw new InvalidOperationException($"Unhandled formula {Formula}."),
        };
        return loss.MoveToOuterDisposeScope();
    }

    private torch.Tensor Gram(torch.Tensor matrix, torch.Tensor? mask)
    {
        torch.Tensor gram = FeatureMoments.WeightedGram(matrix, mask);
        return Formula switch
        {
            StyleLossFormula.KerasExample => gram,
            StyleLossFormula.NormalizedGram => gram / FeatureMoments.Count(matrix, mask).Times(matrix.shape[0]),
            StyleLossFormula.Relative => gram / FeatureMoments.Count(matrix, mask),
            _ => throw new InvalidOperationException($"Unhandled formula {Formula}."),
        };
    }
}
