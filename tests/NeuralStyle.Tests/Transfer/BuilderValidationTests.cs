using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
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
            .WithEvaluations(0)
            .WithOptimizer(OptimizerSettings.Adam(-0.5))
            .Build());

        AssertProblem(error, Setting.ContentImage, "/definitely/not/here.png");
        AssertProblem(error, Setting.StyleImage, "/also/missing.jpg", "does not exist");
        AssertProblem(error, Setting.StyleBlendWeight, "blend weight");
        AssertProblem(error, Setting.ContentWeight, "ContentWeight");
        AssertProblem(error, Setting.StyleWeight, "StyleWeight");
        AssertProblem(error, Setting.Evaluations, "Evaluations");
        AssertProblem(error, Setting.LearningRate, "LearningRate");
        AssertProblem(error, Setting.FeatureExtractor, "feature extractor");
        Assert.True(error.Problems.Count >= 8);
        Assert.All(error.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix), $"{p.Setting}: '{p.Message}' says how to fix nothing"));
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
            .WithMultiScale(new MultiScaleSettings { SmallestSide = 8, Factor = 1, CoarseEvaluations = 0 })
            .WithStyleLoss((StyleLossKind)42)
            .Build());

        AssertProblem(error, Setting.NormalizeGradients, "NormalizeGradients needs Adam or SGD");
        AssertProblem(error, Setting.StyleScale, "StyleScale");
        AssertProblem(error, Setting.MultiScaleSmallestSide, "SmallestSide");
        AssertProblem(error, Setting.MultiScaleFactor, "Factor");
        AssertProblem(error, Setting.MultiScaleCoarseEvaluations, "CoarseEvaluations");
        AssertProblem(error, Setting.StyleLoss, "StyleLossKind");
        AssertProblem(error, Setting.StyleMask, "/no/mask.png");
    }

    [Fact]
    public void InvalidTilingIsListedWithEveryProblem()
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithContent("/no/content.png")
            .AddStyle("/no/style.png")
            .WithTiling(new TilingSettings { TileSize = 32, Halo = -1, BlendWidth = 40 })
            .Build());

        AssertProblem(error, Setting.TileSize, "TilingSettings.TileSize must be a whole number of at least 64 (got 32)");
        AssertProblem(error, Setting.TileHalo, "TilingSettings.Halo must be a whole number of at least 0 (got -1)");
        AssertProblem(error, Setting.TileBlendWidth, "Tiling.BlendWidth must be between 0 and twice the halo");
    }

    [Fact]
    public void BlendWiderThanTwiceTheHaloIsRefused()
    {
        Assert.Empty(Problems.Of(new TilingSettings { TileSize = 256, Halo = 32, BlendWidth = 64 }.Validate));
        Assert.Equal(Setting.TileBlendWidth, Assert.Single(Problems.Of(new TilingSettings { TileSize = 256, Halo = 32, BlendWidth = 65 }.Validate)).Setting);
    }

    [Fact]
    public void AverageDecayIsForAdamOnly()
    {
        Assert.Contains(Problems.Of((OptimizerSettings.Lbfgs() with { AverageDecay = 0.9 }).Validate), p => p.Setting == Setting.AverageDecay && p.Message.Contains("Adam only", StringComparison.Ordinal));
        Assert.Contains(Problems.Of(OptimizerSettings.Adam(averageDecay: 1).Validate), p => p.Setting == Setting.AverageDecay && p.Message.Contains("of at least 0 and below 1 (got 1)", StringComparison.Ordinal));
        Assert.Empty(Problems.Of(OptimizerSettings.Adam(averageDecay: 0.9).Validate));
        StyleTransferSettings normalized = StyleTransferSettings.Default
            .WithObjective(o => o with { NormalizeGradients = true })
            .WithOptimization(o => o with { Optimizer = OptimizerSettings.Adam() });
        Assert.Empty(Problems.Of(normalized.Validate));
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
        AssertProblem(error, Setting.ContentImage, "No content image");
        AssertProblem(error, Setting.StyleImage, "No style image");
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16385)]
    public void SizesOutsideTheLimitsAreRefused(int pixels)
    {
        StyleTransferSettings settings = StyleTransferSettings.Default.WithImage(i => i with { Size = OutputSize.LongestSide(pixels) });
        ConfigurationProblem problem = Assert.Single(Problems.Of(settings.Validate));
        Assert.Equal(Setting.Size, problem.Setting);
        Assert.Contains($"from {ImageSettings.MinimumSize} to {ImageSettings.MaximumSize} (got {pixels})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultSettingsAreValidAndEveryPresetIsNamedOnce()
    {
        Assert.Empty(Problems.Of(StyleTransferSettings.Default.Validate));
        Assert.Same(StyleTransferSettings.Default, StylePreset.Default.Settings);
        foreach (StylePreset preset in StylePreset.All)
        {
            foreach (string name in preset.Aliases.Prepend(preset.Name).SelectMany(n => new[] { n, n.ToUpperInvariant(), $" {n} " }))
            {
                Assert.True(StylePreset.TryParse(name, out StylePreset? found) && ReferenceEquals(found, preset), $"'{name}' does not find {preset.Name}");
            }
        }

        Assert.False(StylePreset.TryParse("picasso", out _));
    }

    [Fact]
    public void KerasPresetIsTheSeedRecipe()
    {
        StylePreset preset = StylePreset.KerasExample;
        StyleTransferSettings keras = preset.Settings;
        Assert.Equal("block5_conv2", keras.Objective.ContentLayers!.Single().Name);
        Assert.Equal(["block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"], keras.Objective.StyleLayers!.Select(l => l.Name));
        Assert.All(keras.Objective.StyleLayers!, l => Assert.Equal(0.2, l.Weight));
        Assert.Equal((2.5e-8, 1e-6, 1e-6), (keras.Objective.ContentWeight, keras.Objective.StyleWeight, keras.Objective.TotalVariationWeight));
        Assert.Equal(OptimizerKind.Sgd, keras.Optimization.Optimizer.Kind);
        Assert.Equal((100.0, 0.96, 100), (keras.Optimization.Optimizer.LearningRate, keras.Optimization.Optimizer.DecayRate, keras.Optimization.Optimizer.DecaySteps));
        Assert.Equal(4000, keras.Optimization.Evaluations);
        Assert.Equal(OutputSize.Height(400), keras.Image.Size);
        Assert.Equal(InitMode.Content, keras.Optimization.Init);
        Assert.Equal(OptimizationSpace.NetworkInput, keras.Optimization.Space);
        Assert.Equal(100, preset.SnapshotEvery);
        Assert.Same(NeuralStyle.Features.ChannelNormalization.Caffe, keras.Extractor!.Input);
        Assert.Empty(Problems.Of(keras.Validate));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void StrengthsOutsideZeroToOneFailAtBuildNamingTheRule(double strength)
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithContent("/no/content.png").AddStyle("/no/style.png").WithStyleStrength(strength).Build());
        AssertProblem(error, Setting.StyleStrength, "ObjectiveSettings.StyleStrength must be a finite number from 0 to 1", Invariant($"(got {strength})"));
    }

    [Fact]
    public void TheStrengthScalesTheStyleAndSmoothingWeightsOnly()
    {
        Assert.Equal(1, StrengthCurve.WeightScale(1));
        Assert.Equal(0, StrengthCurve.WeightScale(0));
        Assert.True(StrengthCurve.WeightScale(0.25) < StrengthCurve.WeightScale(0.5));
        Assert.Equal(0, StrengthCurve.PaletteBlend(0));
        Assert.Equal(1, StrengthCurve.PaletteBlend(1));
        Assert.Equal(1, StylePreset.KerasExample.Settings.Objective.StyleStrength);
        Assert.Empty(Problems.Of(StyleTransferSettings.Default.WithObjective(o => o with { StyleStrength = 0 }).Validate));

        ObjectiveSettings half = new() { StyleStrength = 0.5, ContentWeight = 3, StyleWeight = 40, TotalVariationWeight = 8 };
        Assert.Equal((3.0, 10.0, 2.0), (half.ContentWeight, half.StyleWeightInForce, half.TotalVariationWeightInForce));
    }

    [Fact]
    public void EachPresetsWeightsInForceAreItsRecipe()
    {
        ObjectiveSettings keras = StylePreset.KerasExample.Settings.Objective;
        Assert.Equal((1e-6, 1e-6), (keras.StyleWeightInForce, keras.TotalVariationWeightInForce));

        ObjectiveSettings recommended = StylePreset.Default.Settings.Objective;
        double scale = StrengthCurve.WeightScale(StrengthCurve.Recommended);
        Assert.Equal((recommended.StyleWeight * scale, recommended.TotalVariationWeight * scale), (recommended.StyleWeightInForce, recommended.TotalVariationWeightInForce));
        Assert.Contains(Invariant($"weighted {recommended.ContentWeight} / {recommended.StyleWeightInForce} / {recommended.TotalVariationWeightInForce}"), StylePreset.Default.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeReportingCadencesAreProblems()
    {
        IReadOnlyList<ConfigurationProblem> problems = Problems.Of(new RunReporting { ProgressEvery = -1, SnapshotEvery = -2 }.Validate);
        Assert.Equal([Setting.ProgressEvery, Setting.SnapshotEvery], problems.Select(p => p.Setting));
        Assert.Contains("ProgressEvery must be 0 (never) or positive (got -1)", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("RunReporting.SnapshotEvery must be a whole number of at least 0 (got -2)", problems[1].Message, StringComparison.Ordinal);
        Assert.Empty(Problems.Of(new RunReporting { ProgressEvery = 0, SnapshotEvery = 0 }.Validate));
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertProblem(StyleTransferConfigurationException error, Setting setting, params string[] texts) =>
        Assert.Contains(error.Problems, p => p.Setting == setting && texts.All(t => p.ToString().Contains(t, StringComparison.Ordinal)));
}
