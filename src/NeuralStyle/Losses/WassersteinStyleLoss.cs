using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// Style loss: the squared 2-Wasserstein distance between the Gaussians fitted to the image's and
/// the style's features, <c>‖μ − μₜ‖² + tr(Σ + Σₜ − 2 (Σₜ^½ Σ Σₜ^½)^½)</c>, divided by
/// <c>‖μₜ‖² + tr Σₜ</c> (the distance from the style to a point at 0) so it is scale-free. As in
/// crowsonkb/style-transfer-pytorch. The matrix square root's gradient is computed in closed form
/// from one symmetric eigendecomposition in float64 (no autograd through the eigensolver, which
/// is unstable for repeated eigenvalues).
/// </summary>
internal sealed class WassersteinStyleLoss : IStyleLoss
{
    /// <inheritdoc />
    public torch.Tensor Statistic(torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return FeatureMoments.Packed(features);
    }

    /// <summary>Packs <c>[Σₜ | μₜ | Σₜ^½]</c> (<c>[C, 2C + 1]</c>).</summary>
    public torch.Tensor PrepareTarget(torch.Tensor statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.Unpack(statistic);
        torch.Tensor root = SymmetricMatrices.Power(covariance, 0.5).to(covariance.dtype);
        return torch.cat([covariance, mean.unsqueeze(1), root], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor features, torch.Tensor target, long imageHeight, long imageWidth, torch.Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor targetMean, torch.Tensor targetCovariance) = FeatureMoments.SplitMeanColumn(target);
        torch.Tensor targetRoot = target.narrow(1, target.shape[0] + 1, target.shape[0]);
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.MeanAndCovariance(features, mask);

        // tr((R Σ R)^½) with R = Σₜ^½: its value and its gradient ½ R (R Σ R)^-½ R, both from one
        // eigendecomposition; the surrogate tr(G Σ) carries the gradient, the detached difference the value.
        torch.Tensor product;
        torch.Tensor value, gradient;
        using (torch.no_grad())
        {
            product = targetRoot.mm(covariance).mm(targetRoot);
            (torch.Tensor eigenvalues, torch.Tensor eigenvectors) = SymmetricMatrices.Eigen(product);
            value = eigenvalues.sqrt().sum().to(covariance.dtype);
            torch.Tensor inverseRoot = SymmetricMatrices.Reassemble(eigenvalues.rsqrt(), eigenvectors).to(covariance.dtype);
            gradient = targetRoot.mm(inverseRoot).mm(targetRoot).Times_(0.5);
        }

        torch.Tensor surrogate = (gradient * covariance).sum();
        torch.Tensor rootTrace = surrogate + (value - surrogate).detach();
        torch.Tensor distance = (mean - targetMean).square().sum() + covariance.trace() + targetCovariance.trace() - rootTrace.Times(2);
        torch.Tensor scale = (targetMean.square().sum() + targetCovariance.trace()).AtLeast(1e-12);
        return (distance / scale).MoveToOuterDisposeScope();
    }
}
