using NeuralStyle.Engine;
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
        torch.Tensor source = image.detach().to(torch.ScalarType.Float64);
        (torch.Tensor sourceMean, torch.Tensor sourceCovariance) = FeatureMoments.MeanAndCovariance(source, null);
        (torch.Tensor referenceMean, torch.Tensor referenceCovariance) = Statistics(reference);
        torch.Tensor transform = Transform(sourceCovariance, referenceCovariance, sourceVarianceFloor: 0);
        torch.Tensor mapped = transform.mm(FeatureMoments.Matrix(source) - sourceMean.unsqueeze(1)) + referenceMean.unsqueeze(1);
        return mapped.to(image.dtype).reshape(image.shape).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The map <c>x' = A x + b</c> (A <c>[C, C]</c>, b <c>[C, 1]</c>, float64) that gives pixels of the
    /// source statistics the reference's, <c>A = Σᵣ^½ Σₛ^-½</c>. The source covariance's eigenvalues are
    /// raised to at least <paramref name="sourceVarianceFloor"/>, so a nearly flat image (or colour
    /// direction) is shifted rather than stretched into noise; above the floor the map is exact.
    /// </summary>
    public static (torch.Tensor Transform, torch.Tensor Offset) Mapping(
        torch.Tensor sourceMean, torch.Tensor sourceCovariance, torch.Tensor referenceMean, torch.Tensor referenceCovariance, double sourceVarianceFloor)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor transform = Transform(sourceCovariance, referenceCovariance, sourceVarianceFloor);
        torch.Tensor offset = referenceMean.unsqueeze(1) - transform.mm(sourceMean.unsqueeze(1));
        return (transform.MoveToOuterDisposeScope(), offset.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The mean <c>[C]</c> and covariance <c>[C, C]</c> (float64) of <paramref name="pixels"/>
    /// (<c>[C, P]</c>), summed in bands of <paramref name="band"/> pixels so only a band is ever
    /// converted to float64: bounded memory for a whole large image.
    /// </summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) BandedStatistics(torch.Tensor pixels, long band)
    {
        using var scope = torch.NewDisposeScope();
        long count = pixels.shape[1];
        long channels = pixels.shape[0];
        torch.Tensor sum = torch.zeros(channels, dtype: torch.ScalarType.Float64, device: pixels.device);
        torch.Tensor outer = torch.zeros(channels, channels, dtype: torch.ScalarType.Float64, device: pixels.device);
        for (long start = 0; start < count; start += band)
        {
            using var bandScope = torch.NewDisposeScope();
            torch.Tensor x = pixels.narrow(1, start, Math.Min(band, count - start)).to(torch.ScalarType.Float64);
            sum.add_(x.sum(1));
            outer.add_(x.mm(x.t()));
        }

        torch.Tensor mean = sum.DividedBy(count);
        torch.Tensor covariance = outer.DividedBy(count) - mean.outer(mean);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// <c>A = Σᵣ^½ Σₛ^-½</c>, the source's eigenvalues raised to at least <paramref name="sourceVarianceFloor"/>
    /// (beyond <see cref="SymmetricMatrices"/>' own floor, so 0 adds nothing).
    /// </summary>
    private static torch.Tensor Transform(torch.Tensor sourceCovariance, torch.Tensor referenceCovariance, double sourceVarianceFloor)
    {
        (torch.Tensor eigenvalues, torch.Tensor eigenvectors) = SymmetricMatrices.Eigen(sourceCovariance);
        torch.Tensor inverseRoot = SymmetricMatrices.Reassemble(eigenvalues.AtLeast(sourceVarianceFloor).Power(-0.5), eigenvectors);
        return SquareRoot(referenceCovariance).mm(inverseRoot);
    }

    /// <summary><c>Σᵣ^½</c>, the reference's side of the map (float64).</summary>
    public static torch.Tensor SquareRoot(torch.Tensor referenceCovariance) => SymmetricMatrices.Power(referenceCovariance, 0.5);

    /// <summary>The RGB mean <c>[3]</c> and covariance <c>[3, 3]</c> of an image, in float64.</summary>
    public static (torch.Tensor Mean, torch.Tensor Covariance) Statistics(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor mean, torch.Tensor covariance) = FeatureMoments.MeanAndCovariance(image.detach().to(torch.ScalarType.Float64), null);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }
}
