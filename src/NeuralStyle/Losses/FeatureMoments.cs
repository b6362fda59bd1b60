using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>First and second moments of a feature map's channels, optionally over weighted positions.</summary>
internal static class FeatureMoments
{
    /// <summary>The features as a <c>[C, h·w]</c> matrix: a view for NCHW and for channels_last features (then transposed).</summary>
    public static torch.Tensor Matrix(torch.Tensor features) =>
        TensorLayout.IsChannelsLast(features) && features.shape[0] == 1
            ? features.permute(0, 2, 3, 1).reshape(-1, features.shape[^3]).t()
            : features.reshape(features.shape[^3], -1);

    /// <summary>Sum of the position weights (h·w without a mask), as a tensor, never below 1e-6.</summary>
    public static torch.Tensor Count(torch.Tensor matrix, torch.Tensor? mask) =>
        mask is null
            ? torch.tensor((double)matrix.shape[1], matrix.dtype, matrix.device)
            : mask.sum().AtLeast(1e-6);

    /// <summary><c>F diag(m) Fᵀ</c> (or <c>F Fᵀ</c> without a mask) with a one-product backward, not normalised.</summary>
    public static torch.Tensor WeightedGram(torch.Tensor matrix, torch.Tensor? mask) => SymmetricGram.Of(matrix, mask);

    /// <summary>The channel means <c>[C]</c> over the (weighted) positions.</summary>
    public static torch.Tensor Mean(torch.Tensor matrix, torch.Tensor? mask, torch.Tensor count) =>
        mask is null ? matrix.mean([1]) : (matrix * mask).sum(1) / count;

    /// <summary>
    /// Mean and covariance packed as one blendable <c>[C, C + 1]</c> tensor: the raw second moment
    /// <c>E[f fᵀ]</c> in the first C columns, the mean in the last (a weighted mean of such tensors is the moments of the mixture).
    /// </summary>
    public static torch.Tensor Packed(torch.Tensor features)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor matrix = Matrix(features);
        torch.Tensor count = Count(matrix, null);
        torch.Tensor second = WeightedGram(matrix, null) / count;
        return torch.cat([second, Mean(matrix, null, count).unsqueeze(1)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Mean <c>[C]</c> and covariance <c>[C, C]</c> of the features over the (weighted) positions.</summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) MeanAndCovariance(torch.Tensor features, torch.Tensor? mask)
    {
        torch.Tensor matrix = Matrix(features);
        torch.Tensor count = Count(matrix, mask);
        torch.Tensor mean = Mean(matrix, mask, count);
        torch.Tensor covariance = (WeightedGram(matrix, mask) / count) - mean.outer(mean);
        return (mean, covariance);
    }

    /// <summary>
    /// Splits a <c>[C, C + 1 (+ …)]</c> tensor laid out <c>[matrix | μ | …]</c> into μ and the matrix (views):
    /// a mean/covariance loss's target, or a <see cref="Packed"/> tensor (whose matrix is the raw second moment).
    /// </summary>
    public static (torch.Tensor Mean, torch.Tensor Matrix) SplitMeanColumn(torch.Tensor target)
    {
        long channels = target.shape[0];
        return (target.narrow(1, channels, 1).squeeze(1), target.narrow(1, 0, channels));
    }

    /// <summary>Unpacks a <see cref="Packed"/> tensor into mean and covariance.</summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) Unpack(torch.Tensor packed)
    {
        (torch.Tensor mean, torch.Tensor secondMoment) = SplitMeanColumn(packed);
        return (mean, secondMoment - mean.outer(mean));
    }
}
