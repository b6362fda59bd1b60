using NeuralStyle.Imaging;
using TorchSharp;

namespace NeuralStyle.Tests.Imaging;

/// <summary>Linear colour matching gives the image the reference's colour mean and covariance.</summary>
public sealed class ColorMatchingTests
{
    [Fact]
    public void MatchedImageHasTheReferencesColourMeanAndCovariance()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor style = torch.rand(1, 3, 20, 30) * torch.tensor(new float[] { 0.2f, 0.9f, 0.5f }).view(1, 3, 1, 1);
        torch.Tensor content = (torch.rand(1, 3, 16, 12) * 0.5) + torch.tensor(new float[] { 0.4f, 0.1f, 0.3f }).view(1, 3, 1, 1);
        content[0, 1] += content[0, 0] * 0.5;

        torch.Tensor matched = ColorMatching.MatchStatistics(style, content);

        Assert.Equal(style.shape, matched.shape);
        (torch.Tensor mean, torch.Tensor covariance) = ColorMatching.Statistics(matched);
        (torch.Tensor contentMean, torch.Tensor contentCovariance) = ColorMatching.Statistics(content);
        (torch.Tensor styleMean, _) = ColorMatching.Statistics(style);
        Assert.True(torch.allclose(mean, contentMean, rtol: 0, atol: 1e-5), "means match");
        Assert.True(torch.allclose(covariance, contentCovariance, rtol: 1e-3, atol: 1e-6), "covariances match");
        Assert.False(torch.allclose(styleMean, contentMean, rtol: 0, atol: 0.05), "the test images differ in colour to begin with");
    }
}
