using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// Style loss matching the channels' mean and covariance separately, each by its squared error
/// relative to the target's squared norm: <c>‖μ − μₜ‖² / ‖μₜ‖² + ‖Σ − Σₜ‖² / ‖Σₜ‖²</c>.
/// Scale-free like <see cref="StyleLossFormula.Relative"/>, so the default weights suit it.
/// </summary>
internal sealed class MeanCovarianceStyleLoss : IStyleLoss
{
    /// <inheritdoc />
    public torch.Tensor Statistic(torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return FeatureMoments.Packed(features);
    }

    /// <inheritdoc />
    public torch.Tensor PrepareTarget(torch.Tensor statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.Unpack(statistic);
        return torch.cat([covariance, mean.unsqueeze(1)], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor features, torch.Tensor target, long imageHeight, long imageWidth, torch.Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor targetMean, torch.Tensor targetCovariance) = FeatureMoments.SplitMeanColumn(target);
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.MeanAndCovariance(features, mask);
        torch.Tensor meanTerm = (mean - targetMean).square().sum() / targetMean.square().sum().AtLeast(1e-12);
        torch.Tensor covarianceTerm = (covariance - targetCovariance).square().sum() / targetCovariance.square().sum().AtLeast(1e-12);
        return (meanTerm + covarianceTerm).MoveToOuterDisposeScope();
    }
}
