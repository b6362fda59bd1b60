using NeuralStyle.Optimization;
using NeuralStyle.Transfer;

namespace NeuralStyle.Tests.Transfer;

public sealed class BuilderValidationTests
{
    [Fact]
    public void EveryProblemIsListedInOneException()
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithContent("/definitely/not/here.png")
            .AddStyle("/also/missing.jpg", weight: -1)
            .WithWeights(-1, double.NaN, 1)
            .WithIterations(0)
            .WithOptimizer(OptimizerSettings.Adam(-0.5))
            .Build());

        Assert.Contains(error.Problems, p => p.Contains("/definitely/not/here.png", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("/also/missing.jpg", StringComparison.Ordinal) && p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("blend weight", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ContentWeight", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("StyleWeight", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Iterations", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("learning rate", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("feature extractor", StringComparison.Ordinal));
        Assert.True(error.Problems.Count >= 8);
        Assert.Contains($"({error.Problems.Count} problems)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidFeatureCombinationsAreListedTogether()
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithContent("/no/content.png")
            .AddStyle("/no/style.png", 1, "/no/mask.png")
            .WithNormalizedGradients()
            .WithStyleScale(0)
            .WithMultiScale(new MultiScaleSettings { SmallestSide = 8, Factor = 1, CoarseIterations = 0 })
            .WithStyleLoss((NeuralStyle.Losses.StyleLossKind)42)
            .Build());

        Assert.Contains(error.Problems, p => p.Contains("NormalizeGradients needs Adam or SGD", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("StyleScale", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("SmallestSide", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Factor", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("CoarseIterations", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("StyleLossKind", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("/no/mask.png", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidTilingIsListedWithEveryProblem()
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithContent("/no/content.png")
            .AddStyle("/no/style.png")
            .WithTiling(new TilingSettings { TileSize = 32, Halo = -1, BlendWidth = 40 })
            .Build());

        Assert.Contains(error.Problems, p => p.Contains("Tiling.TileSize must be at least 64 px (got 32)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Tiling.Halo must be 0 or more pixels (got -1)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Tiling.BlendWidth must be between 0 and twice the halo", StringComparison.Ordinal));
    }

    [Fact]
    public void BlendWiderThanTwiceTheHaloIsRefused()
    {
        Assert.Empty(new TilingSettings { TileSize = 256, Halo = 32, BlendWidth = 64 }.Validate());
        Assert.Single(new TilingSettings { TileSize = 256, Halo = 32, BlendWidth = 65 }.Validate());
    }

    [Fact]
    public void AverageDecayIsForAdamOnly()
    {
        Assert.Contains((OptimizerSettings.Lbfgs() with { AverageDecay = 0.9 }).Validate(), p => p.Contains("Adam only", StringComparison.Ordinal));
        Assert.Contains(OptimizerSettings.Adam(averageDecay: 1).Validate(), p => p.Contains("[0, 1)", StringComparison.Ordinal));
        Assert.Empty(OptimizerSettings.Adam(averageDecay: 0.9).Validate());
        Assert.Empty((StyleTransferSettings.For(StylePreset.Default) with { NormalizeGradients = true, Optimizer = OptimizerSettings.Adam() }).Validate());
    }

    [Theory]
    [InlineData(512, new[] { 128, 181, 256, 362, 512 })]
    [InlineData(200, new[] { 141, 200 })]
    [InlineData(128, new[] { 128 })]
    [InlineData(100, new[] { 100 })]
    public void MultiScaleLadderGrowsBySqrtTwoFromTheSmallestSide(int target, int[] expected)
    {
        Assert.Equal(expected, new MultiScaleSettings().Sides(target));
    }

    [Fact]
    public void MissingInputsAreNamed()
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder().Build());
        Assert.Contains(error.Problems, p => p.Contains("No content image", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("No style image", StringComparison.Ordinal));
    }

    [Fact]
    public void KerasPresetIsTheSeedRecipe()
    {
        StyleTransferSettings keras = StyleTransferSettings.For(StylePreset.KerasExample);
        Assert.Equal("block5_conv2", keras.ContentLayers!.Single().Name);
        Assert.Equal(["block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"], keras.StyleLayers!.Select(l => l.Name));
        Assert.All(keras.StyleLayers!, l => Assert.Equal(0.2, l.Weight));
        Assert.Equal((2.5e-8, 1e-6, 1e-6), (keras.ContentWeight, keras.StyleWeight, keras.TotalVariationWeight));
        Assert.Equal(OptimizerKind.Sgd, keras.Optimizer.Kind);
        Assert.Equal((100.0, 0.96, 100), (keras.Optimizer.LearningRate, keras.Optimizer.DecayRate, keras.Optimizer.DecaySteps));
        Assert.Equal(4000, keras.Iterations);
        Assert.Equal(NeuralStyle.Imaging.OutputSize.Height(400), keras.Size);
        Assert.Equal(InitMode.Content, keras.Init);
        Assert.Equal(100, keras.SnapshotEvery);
        Assert.Empty(keras.Validate());
    }
}
