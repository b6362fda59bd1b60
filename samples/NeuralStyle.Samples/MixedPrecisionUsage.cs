using NeuralStyle.Features;
using NeuralStyle.ResNet18;
using TorchSharp;

namespace NeuralStyle.Samples;

/// <summary>The mixed-precision snippet of docs/performance.md.</summary>
public static class MixedPrecisionUsage
{
    public static IFeatureExtractor Create()
    {
        #region mixed-precision
        var fast = new MixedPrecisionExtractor(
            ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = torch.ScalarType.BFloat16 }));
        #endregion
        return fast;
    }
}
