using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// Style loss of one layer: distance between the Gram matrix of the image's features and a target
/// Gram computed once from the style image(s) with <see cref="TargetGram"/>.
/// </summary>
public sealed class GramStyleLoss
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
    public torch.Tensor TargetGram(torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        long c = features.shape[^3], h = features.shape[^2], w = features.shape[^1];
        double divisor = Formula switch
        {
            StyleLossFormula.KerasExample => 1,
            StyleLossFormula.NormalizedGram => (double)c * h * w,
            StyleLossFormula.Relative => (double)h * w,
            _ => throw new InvalidOperationException($"Unhandled formula {Formula}."),
        };
        return GramMatrix.Compute(features, divisor);
    }

    /// <summary>Returns the (unweighted) loss of one layer as a scalar tensor.</summary>
    /// <param name="features">The image's activations at the layer.</param>
    /// <param name="target">The target Gram from <see cref="TargetGram"/>.</param>
    /// <param name="imageHeight">Height of the optimised image (used by <see cref="StyleLossFormula.KerasExample"/>).</param>
    /// <param name="imageWidth">Width of the optimised image (used by <see cref="StyleLossFormula.KerasExample"/>).</param>
    public torch.Tensor Compute(torch.Tensor features, torch.Tensor target, long imageHeight, long imageWidth)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        torch.Tensor squared = (TargetGram(features) - target).square().sum();
        torch.Tensor loss = Formula switch
        {
            StyleLossFormula.KerasExample => squared / (4.0 * 3 * 3 * Math.Pow((double)imageHeight * imageWidth, 2)),
            StyleLossFormula.NormalizedGram => squared / target.numel(),
            StyleLossFormula.Relative => squared / target.square().sum().clamp_min(1e-12),
            _ => throw new InvalidOperationException($"Unhandled formula {Formula}."),
        };
        return loss.MoveToOuterDisposeScope();
    }
}
