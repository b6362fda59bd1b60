using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

public sealed class YCbCrTests
{
    [Fact]
    public void RgbToYCbCrAndBackIsExact()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor rgb = torch.rand(1, 3, 8, 8);
        Assert.True(torch.allclose(YCbCr.ToRgb(YCbCr.FromRgb(rgb)), rgb, rtol: 0, atol: 2e-3));
    }
}
