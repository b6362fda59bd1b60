using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>channels_last (opt-in) changes the memory layout, not the function computed (checked in float64).</summary>
public sealed class LayoutTests
{
    [Fact]
    public void ChannelsLastFeaturesAndGradientsEqualNchw()
    {
        using var scope = torch.NewDisposeScope();
        using Vgg19FeatureExtractor last = PrngVgg19.Extractor(new Vgg19Options { DataType = torch.ScalarType.Float64, ChannelsLast = true });
        using Vgg19FeatureExtractor standard = PrngVgg19.Extractor(new Vgg19Options { DataType = torch.ScalarType.Float64 });
        Assert.False(standard.Options.ChannelsLast);
        torch.Tensor image = PrngVgg19.Image(51, 40, 56, torch.ScalarType.Float64);
        FeatureLayer[] layers = [Vgg19Layer.Relu1_1, Vgg19Layer.Relu3_1, Vgg19Layer.Relu5_1];

        (IReadOnlyDictionary<FeatureLayer, torch.Tensor> Features, torch.Tensor Gradient) Run(Vgg19FeatureExtractor extractor)
        {
            torch.Tensor x = image.detach().requires_grad_(true);
            IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = extractor.ExtractNormalized(x, layers);
            torch.Tensor objective = features.Values.Select(f => f.square().mean()).Aggregate((a, b) => a + b);
            return (features, torch.autograd.grad([objective], [x])[0]);
        }

        (IReadOnlyDictionary<FeatureLayer, torch.Tensor> lastFeatures, torch.Tensor lastGradient) = Run(last);
        (IReadOnlyDictionary<FeatureLayer, torch.Tensor> standardFeatures, torch.Tensor standardGradient) = Run(standard);

        foreach (FeatureLayer layer in layers)
        {
            Assert.True(TensorLayout.IsChannelsLast(lastFeatures[layer]), $"{layer.Name} is not channels_last");
            Assert.False(TensorLayout.IsChannelsLast(standardFeatures[layer]), $"{layer.Name} is channels_last without the option");
            Assert.True(torch.allclose(lastFeatures[layer], standardFeatures[layer], rtol: 1e-12, atol: 1e-12), $"{layer.Name} differs");
        }

        Assert.True(torch.allclose(lastGradient, standardGradient, rtol: 1e-10, atol: 1e-14));
    }

    [Fact]
    public void TheGramOfChannelsLastFeaturesIsTheGramOfTheirValues()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor features = torch.randn([1, 5, 7, 3], torch.ScalarType.Float64, generator: new torch.Generator(3));
        var loss = new NeuralStyle.Losses.GramStyleLoss(NeuralStyle.Losses.StyleLossFormula.Relative);

        torch.Tensor expected = loss.Statistic(features);
        torch.Tensor actual = loss.Statistic(TensorLayout.ToChannelsLast(features));

        Assert.True(TensorLayout.IsChannelsLast(TensorLayout.ToChannelsLast(features)));
        Assert.True(torch.allclose(expected, actual, rtol: 1e-14, atol: 1e-14));
    }
}
