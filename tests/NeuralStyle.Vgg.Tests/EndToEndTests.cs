using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>Whole transfers at 64 px with the PRNG VGG19 weights.</summary>
public sealed class EndToEndTests : IClassFixture<PrngExtractorFixture>
{
    private readonly PrngExtractorFixture _fixture;

    public EndToEndTests(PrngExtractorFixture fixture) => _fixture = fixture;

    [Fact]
    public void DefaultPresetLowersTheLossAndKeepsTheSize()
    {
        using Image<Rgb24> content = TestImages.Photo(64, 48);
        using Image<Rgb24> style = TestImages.Painting(64, 64);
        StyleTransfer transfer = Builder(content, style).WithEvaluations(30).Build();

        using StyleTransferResult result = transfer.Run();

        Assert.Equal(30, result.LossHistory.Count);
        Assert.Equal(64, result.Image.Width);
        Assert.Equal(48, result.Image.Height);
        double first = result.LossHistory[0].Total, last = result.LossHistory[^1].Total;
        Assert.True(last < 0.5 * first, $"loss {first} -> {last}: expected at least a 2x drop in 30 L-BFGS evaluations");
        Assert.True(result.LossHistory[^1].Style < result.LossHistory[0].Style);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void OtherOptimizersLowerTheLoss(OptimizerKind kind)
    {
        using Image<Rgb24> content = TestImages.Photo(48, 48);
        using Image<Rgb24> style = TestImages.Painting(48, 48);
        OptimizerSettings optimizer = kind == OptimizerKind.Adam ? OptimizerSettings.Adam(0.02) : OptimizerSettings.Sgd(0.002);
        using StyleTransferResult result = Builder(content, style).WithOptimizer(optimizer).WithEvaluations(25).Build().Run();
        Assert.True(result.LossHistory[^1].Total < result.LossHistory[0].Total);
    }

    [Fact]
    public void KerasExamplePresetRunsItsSgdScheduleAndLowersTheLoss()
    {
        using Image<Rgb24> content = TestImages.Photo(64, 48);
        using Image<Rgb24> style = TestImages.Painting(40, 40);
        var snapshots = new List<(int Evaluation, int Width, int Height)>();
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(_fixture.For(torch.ScalarType.Float32, Vgg19Options.For(StylePreset.KerasExample.Settings).Preprocessing))
            .WithContent(content)
            .AddStyle(style)
            .UsePreset(StylePreset.KerasExample)
            .WithSize(OutputSize.Height(48))
            .WithEvaluations(20)
            .Build();

        Assert.Equal(Vgg19Preprocessing.Caffe, Vgg19Options.For(StylePreset.KerasExample.Settings).Preprocessing);
        Assert.Equal(OptimizerKind.Sgd, transfer.Settings.Optimization.Optimizer.Kind);
        Assert.Equal(100, transfer.Settings.Optimization.Optimizer.LearningRate);
        Assert.Equal("relu5_2", transfer.Objective.ContentLayers.Single().Layer.Name);
        Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], transfer.Objective.StyleLayers.Select(l => l.Layer.Name));

        using StyleTransferResult result = transfer.Run(new RunReporting { Snapshot = s => snapshots.Add((s.Evaluation, s.Image.Width, s.Image.Height)), SnapshotEvery = 10 });
        Assert.Equal([(10, 64, 48), (20, 64, 48)], snapshots);
        Assert.True(result.LossHistory[^1].Total < result.LossHistory[0].Total);
    }

    [Fact]
    public void StyleOptimizerWorksOnTensorsDirectly()
    {
        using var scope = torch.NewDisposeScope();
        Vgg19FeatureExtractor extractor = _fixture.For(torch.ScalarType.Float32, Vgg19Preprocessing.Torchvision);
        StyleTransfer configured = Builder(TestImages.Photo(8, 8), TestImages.Painting(8, 8)).WithEvaluations(15).Build();
        var optimizer = new StyleOptimizer(
            new ImageParameterization(extractor, configured.Settings.Optimization.Space), configured.Objective, configured.Settings.Optimization, null, NullLogger.Instance);
        torch.Tensor content = torch.rand(1, 3, 40, 56);
        torch.Tensor style = torch.rand(1, 3, 64, 64);
        var snapshots = new List<long[]>();
        var stage = new ScaleStage(0, 1, 56, 40, 15);

        using StyleOptimizationResult result = optimizer.Optimize(
            content, [new StyleTensor(style)], null, new ScaleRun(stage, 0, 15), RunReporting.None, (_, _, image) => snapshots.Add(image.shape),
            System.Diagnostics.Stopwatch.StartNew(), CancellationToken.None);

        Assert.Equal(content.shape, result.Image.shape);
        Assert.Equal(15, result.LossHistory.Count);
        Assert.Empty(snapshots);
        Assert.True(result.LossHistory[^1].Total < result.LossHistory[0].Total);
    }

    [Fact]
    public void LayerNamesAreResolvedAtBuildAndEveryBadOneIsListed()
    {
        using Image<Rgb24> content = TestImages.Photo(32, 32);
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        var error = Assert.Throws<StyleTransferConfigurationException>(() => Builder(content, style)
            .WithContentLayer("relu9_9")
            .WithStyleLayers("relu1_1", "conv_nope")
            .Build());
        Assert.Equal(2, error.Problems.Count);
        Assert.Equal(Setting.ContentLayers, error.Problems[0].Setting);
        Assert.Contains("'relu9_9' is not a layer of VGG19", error.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("relu4_2", error.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(Setting.StyleLayers, error.Problems[1].Setting);
        Assert.Contains("'conv_nope'", error.Problems[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);

        using Vgg19FeatureExtractor shallow = Vgg19FeatureExtractor.FromFile(
            ParityFixture.FixturePath("vgg19_prefix_torchvision.pth"), new Vgg19Options { DeepestLayer = Vgg19Layer.Relu3_1, Preprocessing = Vgg19Preprocessing.Caffe });
        var keras = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithFeatureExtractor(shallow).WithContent(content).AddStyle(style).UsePreset(StylePreset.KerasExample).Build());
        Assert.Contains(keras.Problems, p => p.Setting == Setting.ContentLayers && p.Message.Contains("'block5_conv2' is deeper than this extractor's last layer relu3_1", StringComparison.Ordinal));

        // The same weights with torchvision's preprocessing are not what the Keras recipe was tuned for: one problem, naming the need.
        using Vgg19FeatureExtractor torchvision = Vgg19FeatureExtractor.FromFile(ParityFixture.FixturePath("vgg19_prefix_torchvision.pth"), new Vgg19Options { DeepestLayer = Vgg19Layer.Relu3_1 });
        var wrongInput = Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder()
            .WithFeatureExtractor(torchvision).WithContent(content).AddStyle(style).UsePreset(StylePreset.KerasExample).Build());
        ConfigurationProblem needed = Assert.Single(wrongInput.Problems);
        Assert.Equal(Setting.FeatureExtractor, needed.Setting);
        Assert.Contains("The KerasExample preset needs VGG19 with Caffe preprocessing", needed.Message, StringComparison.Ordinal);
        Assert.Contains("clear StyleTransferSettings.Extractor", needed.Fix, StringComparison.Ordinal);

        // Equal numbers are the same preprocessing: the requirement compares normalisations by value, not by instance.
        Assert.Equal(ChannelNormalization.Caffe, new ChannelNormalization(true, 255, [103.939, 116.779, 123.68], [1, 1, 1]));
        Assert.NotEqual(ChannelNormalization.Caffe, ChannelNormalization.Torchvision);
    }

    private StyleTransferBuilder Builder(Image<Rgb24> content, Image<Rgb24> style) => new StyleTransferBuilder()
        .WithFeatureExtractor(_fixture.For(torch.ScalarType.Float32, Vgg19Preprocessing.Torchvision))
        .WithContent(content)
        .AddStyle(style)
        .WithSize(OutputSize.Original);

}
