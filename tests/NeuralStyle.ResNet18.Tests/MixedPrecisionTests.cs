using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>bfloat16 convolutions behind a float32 face: close features, working gradients, a working transfer.</summary>
public sealed class MixedPrecisionTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public MixedPrecisionTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void FeaturesStayCloseToFloat32AndComeBackAsFloat32()
    {
        using var mixed = new MixedPrecisionExtractor(ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = torch.ScalarType.BFloat16 }));
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> image = DemoImages.Lakeside(96, 64);
        torch.Tensor input = ImageTensor.FromImage(image).requires_grad_(true);
        FeatureLayer[] layers = [ResNet18Layer.Stem, ResNet18Layer.StageOutput(2), ResNet18Layer.BlockOutput(3, 0)];

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> reference = TestObjectives.Features(_fixture.Extractor, input, layers);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> low = TestObjectives.Features(mixed, input, layers);

        Assert.Equal(torch.ScalarType.Float32, mixed.DataType);
        Assert.Equal(torch.ScalarType.BFloat16, mixed.ComputeType);
        foreach (FeatureLayer layer in layers)
        {
            Assert.Equal(torch.ScalarType.Float32, low[layer].dtype);
            double relative = (low[layer] - reference[layer]).norm().ToDouble() / reference[layer].norm().ToDouble();
            Assert.True(relative < 0.05, $"{layer}: relative difference {relative:F4}");
        }

        low[ResNet18Layer.BlockOutput(3, 0)].square().sum().backward();
        Assert.True(input.grad is not null && input.grad.isfinite().all().ToBoolean() && input.grad.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void AMixedPrecisionTransferHalvesTheStyleLoss()
    {
        using var mixed = new MixedPrecisionExtractor(ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = torch.ScalarType.BFloat16 }));
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using StyleTransferResult result = new StyleTransferBuilder().WithFeatureExtractor(mixed)
            .WithContent(content).AddStyle(style).WithSize(OutputSize.Original).WithEvaluations(12).Build().Run();
        Assert.Equal((64, 48), (result.Image.Width, result.Image.Height));
        Assert.True(result.LossHistory[^1].Style < result.LossHistory[0].Style / 2, $"{result.LossHistory[0].Style} -> {result.LossHistory[^1].Style}");
    }

    [Fact]
    public void AFloat32BackboneIsRefusedWithTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => new MixedPrecisionExtractor(_fixture.Extractor, ownsInner: false));
        Assert.Contains("DataType = BFloat16", error.Message, StringComparison.Ordinal);
    }
}
