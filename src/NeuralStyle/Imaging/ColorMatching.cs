using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Imaging;

/// <summary>
/// Linear colour transfer (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style
/// Transfer", §3.1): maps an image's pixels by <c>x' = A (x − μₛ) + μᵣ</c> with
/// <c>A = Σᵣ^½ Σₛ^-½</c>, so the result's RGB mean and covariance equal the reference's.
/// </summary>
internal static class ColorMatching
{
    /// <summary>
    /// <paramref name="image"/> recoloured to the colour mean and covariance of
    /// <paramref name="reference"/> (both <c>[1, 3, H, W]</c> RGB, any sizes). Not clamped, so the
    /// statistics match exactly.
    /// </summary>
    public static torch.Tensor MatchStatistics(torch.Tensor image, torch.Tensor reference)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(reference);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor referenceMean, torch.Tensor referenceCovariance) = Statistics(reference);
        return MatchStatistics(image, referenceMean, referenceCovariance).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="image"/> (<c>[1, C, H, W]</c>) recoloured to the mean <c>[C]</c> and covariance
    /// <c>[C, C]</c> given (float64). Not clamped. <paramref name="sourceVarianceFloor"/> is added to
    /// the image's covariance's diagonal, so a nearly flat image is not stretched into amplified noise.
    /// </summary>
    public static torch.Tensor MatchStatistics(torch.Tensor image, torch.Tensor referenceMean, torch.Tensor referenceCovariance, double sourceVarianceFloor = 0)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor source = image.detach().to(torch.ScalarType.Float64);
        (torch.Tensor sourceMean, torch.Tensor sourceCovariance) = FeatureMoments.MeanAndCovariance(source, null);
        if (sourceVarianceFloor > 0)
        {
            sourceCovariance = sourceCovariance + (torch.eye(sourceCovariance.shape[0], dtype: torch.ScalarType.Float64, device: sourceCovariance.device) * sourceVarianceFloor);
        }

        torch.Tensor transform = SymmetricMatrices.Power(referenceCovariance, 0.5).mm(SymmetricMatrices.Power(sourceCovariance, -0.5));
        torch.Tensor mapped = transform.mm(FeatureMoments.Matrix(source) - sourceMean.unsqueeze(1)) + referenceMean.unsqueeze(1);
        return mapped.to(image.dtype).reshape(image.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The RGB mean <c>[3]</c> and covariance <c>[3, 3]</c> of an image, in float64.</summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) Statistics(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.MeanAndCovariance(image.detach().to(torch.ScalarType.Float64), null);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }
}
