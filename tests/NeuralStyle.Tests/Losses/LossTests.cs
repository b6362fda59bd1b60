using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Tests.Losses;

public sealed class LossTests
{
    [Fact]
    public void ContentLossFormulas()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor target = torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        torch.Tensor features = torch.tensor(new float[] { 2, 2, 1, 4 }, [1, 1, 2, 2]);
        Assert.Equal(5.0, new ContentLoss(ContentLossFormula.SumOfSquares).Compute(features, target).ToDouble(), 6);
        Assert.Equal(1.25, new ContentLoss(ContentLossFormula.MeanSquare).Compute(features, target).ToDouble(), 6);
        Assert.Equal(5.0 / 30, new ContentLoss(ContentLossFormula.Relative).Compute(features, target).ToDouble(), 6);
    }

    [Fact]
    public void GramIsChannelCorrelationsOverPositions()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor features = torch.tensor(new float[] { 1, 2, 3, 4, 0, 1, 0, 1 }, [1, 2, 2, 2]);
        float[] gram = new GramStyleLoss(StyleLossFormula.KerasExample).Statistic(features).data<float>().ToArray();
        Assert.Equal(new float[] { 30, 6, 6, 2 }, gram);
        float[] normalized = new GramStyleLoss(StyleLossFormula.NormalizedGram).Statistic(features).data<float>().ToArray();
        Assert.Equal(new float[] { 30f / 8, 6f / 8, 6f / 8, 2f / 8 }, normalized);
    }

    [Fact]
    public void KerasStyleNormalisationUsesTheImageSize()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor a = torch.tensor(new float[] { 1, 2, 3, 4, 0, 1, 0, 1 }, [1, 2, 2, 2]);
        torch.Tensor b = torch.zeros(1, 2, 2, 2);
        var loss = new GramStyleLoss(StyleLossFormula.KerasExample);
        double squared = (30.0 * 30) + (6 * 6 * 2) + (2 * 2);
        double expected = squared / (4.0 * 9 * Math.Pow(10 * 20, 2));
        Assert.Equal(expected, loss.Compute(b, loss.Statistic(a), 10, 20).ToDouble(), expected * 1e-6);
        var relative = new GramStyleLoss(StyleLossFormula.Relative);
        Assert.Equal(new float[] { 30f / 4, 6f / 4, 6f / 4, 2f / 4 }, relative.Statistic(a).data<float>().ToArray());
        Assert.Equal(1.0, relative.Compute(b, relative.Statistic(a), 10, 20).ToDouble(), 6);
    }

    [Fact]
    public void KerasTotalVariationMatchesAHandLoop()
    {
        using var scope = torch.NewDisposeScope();
        float[] values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (float)Math.Sin(i * 1.7) * 10).ToArray();
        torch.Tensor image = torch.tensor(values, [1, 2, 3, 4]);
        double expected = 0;
        for (int c = 0; c < 2; c++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 3; x++)
                {
                    double v = values[(c * 12) + (y * 4) + x];
                    double a = Math.Pow(v - values[(c * 12) + ((y + 1) * 4) + x], 2);
                    double b = Math.Pow(v - values[(c * 12) + (y * 4) + x + 1], 2);
                    expected += Math.Pow(a + b, 1.25);
                }
            }
        }

        double actual = new TotalVariationLoss(TotalVariationFormula.KerasExample).Compute(image).ToDouble();
        Assert.Equal(expected, actual, expected * 1e-5);
    }

    [Fact]
    public void PlainTotalVariationVariantsAreZeroOnFlatImagesAndPositiveOtherwise()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor flat = torch.full([1, 3, 5, 5], 0.5f);
        torch.Tensor ramp = torch.linspace(0, 1, 5).view(1, 1, 1, 5).expand(1, 3, 5, 5);
        foreach (TotalVariationFormula formula in new[] { TotalVariationFormula.MeanSquare, TotalVariationFormula.MeanAbsolute })
        {
            var loss = new TotalVariationLoss(formula);
            Assert.Equal(0.0, loss.Compute(flat).ToDouble());
            Assert.True(loss.Compute(ramp).ToDouble() > 0);
        }

        Assert.Equal(0.0625, new TotalVariationLoss(TotalVariationFormula.MeanSquare).Compute(ramp).ToDouble(), 6);
    }

    [Theory]
    [InlineData(TotalVariationFormula.MeanSquare, 0.0625)]
    [InlineData(TotalVariationFormula.MeanAbsolute, 0.25)]
    [InlineData(TotalVariationFormula.KerasExample, 0)]
    public void A_one_pixel_side_has_no_differences_across_it_and_no_NaN(TotalVariationFormula formula, double expected)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor row = torch.linspace(0, 1, 5).view(1, 1, 1, 5).expand(1, 3, 1, 5).requires_grad_(false).clone().requires_grad_(true);
        torch.Tensor loss = new TotalVariationLoss(formula).Compute(row);
        Assert.Equal(expected, loss.ToDouble(), 6);
        loss.backward();
        Assert.True(row.grad!.isfinite().all().ToBoolean());
    }
}
