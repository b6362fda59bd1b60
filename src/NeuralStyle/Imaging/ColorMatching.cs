using TorchSharp;

namespace NeuralStyle.Imaging;

/// <summary>
/// Linear colour transfer (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style
/// Transfer", §3.1): maps an image's pixels by <c>x' = A (x − μₛ) + μᵣ</c> with
/// <c>A = Σᵣ^½ Σₛ^-½</c>, so the result's RGB mean and covariance equal the reference's.
/// </summary>
public static class ColorMatching
{
    private const double Regularization = 1e-5;

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
        torch.Tensor pixels = Pixels(image);
        (torch.Tensor sourceMean, torch.Tensor sourceCovariance) = MeanAndCovariance(pixels);
        (torch.Tensor referenceMean, torch.Tensor referenceCovariance) = MeanAndCovariance(Pixels(reference));
        torch.Tensor transform = Power(referenceCovariance, 0.5).mm(Power(sourceCovariance, -0.5));
        torch.Tensor mapped = transform.mm(pixels - sourceMean.unsqueeze(1)) + referenceMean.unsqueeze(1);
        return mapped.to(image.dtype).reshape(image.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The RGB mean <c>[3]</c> and covariance <c>[3, 3]</c> of an image, in float64.</summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) Statistics(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = MeanAndCovariance(Pixels(image));
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    private static torch.Tensor Pixels(torch.Tensor image) =>
        image.detach().to(torch.ScalarType.Float64).reshape(3, -1);

    private static (torch.Tensor Mean, torch.Tensor Covariance) MeanAndCovariance(torch.Tensor pixels)
    {
        torch.Tensor mean = pixels.mean([1]);
        torch.Tensor centred = pixels - mean.unsqueeze(1);
        return (mean, centred.mm(centred.t()) / pixels.shape[1]);
    }

    private static torch.Tensor Power(torch.Tensor symmetric, double power)
    {
        (torch.Tensor eigenvalues, torch.Tensor eigenvectors) = torch.linalg.eigh(symmetric);
        return (eigenvectors * eigenvalues.clamp_min(Regularization).pow(power)).mm(eigenvectors.t());
    }
}
