using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>Content loss: distance between the feature maps of the image and of the content photo at one layer.</summary>
internal sealed class ContentLoss
{
    /// <summary>Creates a content loss.</summary>
    /// <param name="formula">How the feature maps are compared.</param>
    public ContentLoss(ContentLossFormula formula)
    {
        if (!Enum.IsDefined(formula))
        {
            throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown content loss formula.");
        }

        Formula = formula;
    }

    /// <summary>How the feature maps are compared.</summary>
    public ContentLossFormula Formula { get; }

    /// <summary>Returns the (unweighted) loss as a scalar tensor.</summary>
    /// <param name="features">The image's activations.</param>
    /// <param name="target">The content photo's activations at the same layer (same shape).</param>
    public torch.Tensor Compute(torch.Tensor features, torch.Tensor target)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        torch.Tensor squared = (features - target).square().sum();
        torch.Tensor loss = Formula switch
        {
            ContentLossFormula.SumOfSquares => squared,
            ContentLossFormula.MeanSquare => squared.DividedBy(features.numel()),
            ContentLossFormula.Relative => squared / target.square().sum().AtLeast(1e-12),
            _ => throw new InvalidOperationException($"Unhandled formula {Formula}."),
        };
        return loss.MoveToOuterDisposeScope();
    }
}
