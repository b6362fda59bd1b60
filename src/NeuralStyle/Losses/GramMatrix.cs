using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>Gram matrices of feature maps: channel-to-channel correlations.</summary>
public static class GramMatrix
{
    /// <summary>
    /// The Gram matrix <c>F Fᵀ</c> of a <c>[1, C, h, w]</c> (or <c>[C, h, w]</c>) feature map viewed as
    /// <c>[C, h·w]</c>, divided by <paramref name="divisor"/>. One matrix multiply over a view.
    /// </summary>
    public static torch.Tensor Compute(torch.Tensor features, double divisor = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = torch.NewDisposeScope();
        torch.Tensor gram = FeatureMoments.WeightedGram(FeatureMoments.Matrix(features), null);
        if (divisor != 1)
        {
            gram.div_(divisor);
        }

        return gram.MoveToOuterDisposeScope();
    }
}
