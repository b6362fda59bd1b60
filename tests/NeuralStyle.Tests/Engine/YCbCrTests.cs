using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

public sealed class YCbCrTests
{
    [Fact]
    public void RgbToYCbCrAndBackIsExactToTheCoefficientsRounding()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor rgb = torch.rand(1, 3, 8, 8);
        Assert.True(torch.allclose(YCbCr.ToRgb(YCbCr.FromRgb(rgb)), rgb, rtol: 0, atol: 2e-3));
    }

    [Fact]
    public void PureRedHasBt601FullRangeLumaAndChroma()
    {
        using var scope = torch.NewDisposeScope();
        float[] ycbcr = YCbCr.FromRgb(torch.tensor(new float[] { 1, 0, 0 }, [1, 3, 1, 1])).data<float>().ToArray();
        Assert.Equal(0.299, ycbcr[0], 3);
        Assert.Equal(-0.168736, ycbcr[1], 3);
        Assert.Equal(0.5, ycbcr[2], 3);
    }
}
