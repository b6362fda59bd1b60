using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Tests.Losses;

/// <summary>The style statistics: masked Gram matrices, mean+covariance and Wasserstein-2, values and gradients.</summary>
public sealed class StyleLossVariantTests
{
    [Fact]
    public void MaskedGramIsTheGramOfTheMaskedPositionsOnly()
    {
        using var scope = torch.NewDisposeScope();
        var loss = new GramStyleLoss(StyleLossFormula.Relative);
        torch.Tensor features = torch.rand(1, 4, 6, 8, dtype: torch.ScalarType.Float64);
        torch.Tensor target = loss.Statistic(torch.rand(1, 4, 6, 8, dtype: torch.ScalarType.Float64));

        torch.Tensor allOnes = torch.ones(48, dtype: torch.ScalarType.Float64);
        Assert.Equal(loss.Compute(features, target, 6, 8).ToDouble(), loss.Compute(features, target, 6, 8, allOnes).ToDouble(), 12);

        torch.Tensor leftHalf = torch.zeros(6, 8, dtype: torch.ScalarType.Float64);
        leftHalf[.., ..4] = 1;
        torch.Tensor left = features[.., .., .., ..4].contiguous();
        Assert.Equal(loss.Compute(left, target, 6, 4).ToDouble(), loss.Compute(features, target, 6, 8, leftHalf.reshape(-1)).ToDouble(), 12);
        Assert.NotEqual(loss.Compute(features, target, 6, 8).ToDouble(), loss.Compute(left, target, 6, 4).ToDouble(), 6);
    }

    [Theory]
    [InlineData(StyleLossKind.Gram)]
    [InlineData(StyleLossKind.MeanCovariance)]
    [InlineData(StyleLossKind.Wasserstein)]
    public void EveryStyleLossIsZeroAtItsTargetAndPositiveElsewhere(StyleLossKind kind)
    {
        using var scope = torch.NewDisposeScope();
        IStyleLoss loss = StyleLosses.Create(kind, StyleLossFormula.Relative);
        torch.Tensor style = torch.rand(1, 5, 7, 9, dtype: torch.ScalarType.Float64);
        torch.Tensor target = loss.PrepareTarget(loss.Statistic(style));
        Assert.Equal(0, loss.Compute(style, target, 7, 9).ToDouble(), 5);
        Assert.True(loss.Compute(style * 1.5, target, 7, 9).ToDouble() > 1e-3);
    }

    [Fact]
    public void WassersteinOfOneChannelIsTheClosedFormDistanceBetweenGaussians()
    {
        using var scope = torch.NewDisposeScope();
        var loss = new WassersteinStyleLoss();
        torch.Tensor a = torch.randn(1, 1, 10, 10, dtype: torch.ScalarType.Float64) * 2 + 3;
        torch.Tensor b = torch.randn(1, 1, 10, 10, dtype: torch.ScalarType.Float64) * 0.5 - 1;
        (double meanA, double sdA) = Moments(a);
        (double meanB, double sdB) = Moments(b);
        double expected = (Math.Pow(meanA - meanB, 2) + Math.Pow(sdA - sdB, 2)) / ((meanB * meanB) + (sdB * sdB));
        Assert.Equal(expected, loss.Compute(a, loss.PrepareTarget(loss.Statistic(b)), 10, 10).ToDouble(), 4);
    }

    [Theory]
    [InlineData(StyleLossKind.MeanCovariance)]
    [InlineData(StyleLossKind.Wasserstein)]
    public void GradientMatchesFiniteDifferences(StyleLossKind kind)
    {
        using var scope = torch.NewDisposeScope();
        IStyleLoss loss = StyleLosses.Create(kind, StyleLossFormula.Relative);
        torch.Tensor target = loss.PrepareTarget(loss.Statistic(torch.rand(1, 3, 5, 6, dtype: torch.ScalarType.Float64)));
        torch.Tensor features = torch.rand(1, 3, 5, 6, dtype: torch.ScalarType.Float64).requires_grad_(true);
        torch.Tensor mask = torch.linspace(0.2, 1, 30, dtype: torch.ScalarType.Float64);
        torch.Tensor gradient = torch.autograd.grad([loss.Compute(features, target, 5, 6, mask)], [features])[0];

        const double step = 1e-6;
        foreach (long index in new long[] { 0, 7, 31, 58, 89 })
        {
            torch.Tensor plus = features.detach().clone(), minus = features.detach().clone();
            plus.view(-1)[index] += step;
            minus.view(-1)[index] -= step;
            double numeric = (loss.Compute(plus, target, 5, 6, mask).ToDouble() - loss.Compute(minus, target, 5, 6, mask).ToDouble()) / (2 * step);
            double analytic = gradient.view(-1)[index].ToDouble();
            Assert.True(Math.Abs(numeric - analytic) <= 1e-6 + (1e-4 * Math.Abs(numeric)), $"index {index}: autograd {analytic}, numeric {numeric}");
        }
    }

    private static (double Mean, double StandardDeviation) Moments(torch.Tensor x)
    {
        double mean = x.mean().ToDouble();
        return (mean, Math.Sqrt((x - mean).square().mean().ToDouble()));
    }
}
