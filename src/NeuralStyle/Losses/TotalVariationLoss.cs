using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>Total variation loss: penalises differences between neighbouring pixels so the image stays smooth.</summary>
internal sealed class TotalVariationLoss
{
    /// <summary>The power of the Keras example's formula.</summary>
    public const double KerasPower = 1.25;

    /// <summary>Creates a total variation loss.</summary>
    /// <param name="formula">The penalty.</param>
    public TotalVariationLoss(TotalVariationFormula formula)
    {
        if (!Enum.IsDefined(formula))
        {
            throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown total variation formula.");
        }

        Formula = formula;
    }

    /// <summary>The penalty.</summary>
    public TotalVariationFormula Formula { get; }

    /// <summary>Returns the (unweighted) loss of a <c>[N, C, H, W]</c> image as a scalar tensor.</summary>
    public torch.Tensor Compute(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long h = image.shape[^2], w = image.shape[^1];
        using var scope = torch.NewDisposeScope();
        torch.Tensor loss;
        if (Formula == TotalVariationFormula.KerasExample)
        {
            torch.Tensor corner = image.narrow(-2, 0, h - 1).narrow(-1, 0, w - 1);
            torch.Tensor below = image.narrow(-2, 1, h - 1).narrow(-1, 0, w - 1);
            torch.Tensor right = image.narrow(-2, 0, h - 1).narrow(-1, 1, w - 1);
            loss = ((corner - below).square() + (corner - right).square()).Power(KerasPower).sum();
        }
        else
        {
            torch.Tensor vertical = image.narrow(-2, 1, h - 1) - image.narrow(-2, 0, h - 1);
            torch.Tensor horizontal = image.narrow(-1, 1, w - 1) - image.narrow(-1, 0, w - 1);
            loss = MeanPenalty(vertical) + MeanPenalty(horizontal);
        }

        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The mean penalty of one direction's differences; none (a side of 1 pixel) costs 0, not the NaN of an empty mean.</summary>
    private torch.Tensor MeanPenalty(torch.Tensor differences) =>
        differences.numel() == 0
            ? torch.zeros([], differences.dtype, differences.device)
            : (Formula == TotalVariationFormula.MeanSquare ? differences.square() : differences.abs()).mean();
}
