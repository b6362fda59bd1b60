using NeuralStyle.Features;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>Shapes, layer ids, sizes and gradients of the ResNet18 extractor.</summary>
public sealed class ResNet18ExtractorTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public ResNet18ExtractorTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(117, 203)]
    [InlineData(33, 65)]
    [InlineData(128, 96)]
    public void AnySizeGivesFeatureMapsOfTheInputSizeDividedByTheStrideRoundedUp(int height, int width)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = torch.randn(1, 3, height, width);
        var layers = ResNet18Layer.All.Where(l => l.Kind != ResNet18LayerKind.AveragePool).Cast<FeatureLayer>().ToArray();

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = _fixture.Extractor.ExtractNormalized(input, layers);

        foreach (ResNet18Layer layer in layers.Cast<ResNet18Layer>())
        {
            int stride = layer.Kind switch
            {
                ResNet18LayerKind.Stem => 2,
                ResNet18LayerKind.StemPool => 4,
                _ => 4 << (layer.Stage - 1),
            };
            long channels = layer.Stage == 0 ? 64 : ResNet18Layer.ChannelsPerStage[layer.Stage - 1];
            long[] expected = [1, channels, Ceiling(height, stride), Ceiling(width, stride)];
            Assert.True(expected.SequenceEqual(features[layer].shape), $"{layer}: [{string.Join(", ", features[layer].shape)}], expected [{string.Join(", ", expected)}]");
            Assert.True(features[layer].isfinite().all().ToBoolean());
        }
    }

    [Fact]
    public void ExtractionStopsAtTheDeepestRequestedLayerAndGradientsFlowToTheInput()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = torch.rand(1, 3, 64, 64).requires_grad_(true);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = TestObjectives.Features(_fixture.Extractor, input, [ResNet18Layer.StageOutput(1)]);
        Assert.Single(features);
        features[ResNet18Layer.StageOutput(1)].square().sum().backward();
        Assert.True(input.grad is not null && input.grad.abs().sum().ToDouble() > 0);
    }

    [Theory]
    [InlineData("stage1", "layer1.1")]
    [InlineData("stage4", "layer4.2")]
    [InlineData("conv1", "stem")]
    [InlineData("LAYER3.0.RELU", "layer3.0.relu")]
    [InlineData("pool", "avgpool")]
    public void LayerNamesAndAliasesResolve(string name, string canonical) =>
        Assert.Equal(canonical, _fixture.Extractor.ParseLayer(name).Name);

    [Fact]
    public void UnknownLayersListTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet18Layer.Parse("layer5.0"));
        Assert.Contains("layer4.2.relu", error.Message, StringComparison.Ordinal);
        Assert.Contains("stage3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet18Layer.BlockOutput(1, 2));
        Assert.Equal(21, ResNet18Layer.All.Count);
        Assert.Equal(Enumerable.Range(0, 21), ResNet18Layer.All.Select(l => l.Depth));
    }

    [Fact]
    public void RecommendedLayersAreTheQualityBenchmarksChoice()
    {
        RecommendedLayers recommended = _fixture.Extractor.Recommended;
        Assert.Equal("layer2.1", recommended.Content.Name);
        Assert.Equal(
            ["stem", "layer1.0.relu", "layer1.1", "layer2.0.relu", "layer2.1", "layer3.0.relu", "layer3.1", "layer4.0.relu", "layer4.2"],
            recommended.Style.Select(s => s.Layer.Name));
        Assert.All(recommended.Style, s => Assert.Equal(1.0 / 9, s.Weight, 12));
    }

    [Fact]
    public void TooSmallInputsAndForeignLayersAreRefusedWithAReason()
    {
        using var scope = torch.NewDisposeScope();
        var small = Assert.Throws<ArgumentException>(() => _fixture.Extractor.ExtractNormalized(torch.rand(1, 3, 31, 64), [ResNet18Layer.Stem]));
        Assert.Contains("at least 32x32", small.Message, StringComparison.Ordinal);
        var pool = Assert.Throws<ArgumentException>(() => _fixture.Extractor.ExtractNormalized(torch.rand(1, 3, 64, 64), [ResNet18Layer.AveragePool]));
        Assert.Contains("avgpool", pool.Message, StringComparison.Ordinal);
        var foreign = Assert.Throws<ArgumentException>(() => _fixture.Extractor.ExtractNormalized(torch.rand(1, 3, 64, 64), [new OtherLayer()]));
        Assert.Contains("not a ResNet18 layer", foreign.Message, StringComparison.Ordinal);
    }

    private static long Ceiling(int size, int stride) => (size + stride - 1) / stride;

    private sealed record OtherLayer : FeatureLayer
    {
        public override string Name => "other";

        public override int Depth => 0;
    }
}
