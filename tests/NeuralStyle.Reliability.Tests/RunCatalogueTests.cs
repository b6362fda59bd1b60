using NeuralStyle.Configuration;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Reliability.Tests;

/// <summary>Options, numerics and outputs: every bad value fails at Build() with all problems listed; nothing garbage or partial is written.</summary>
public sealed class RunCatalogueTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private readonly ResNet18Fixture _fixture;
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralstyle-runs-").FullName;
    private readonly Image<Rgb24> _content = DemoImages.Lakeside(48, 32);
    private readonly Image<Rgb24> _style = DemoImages.Swirls(40, 40);

    public RunCatalogueTests(ResNet18Fixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> BadOptions() => new()
    {
        { "iterations 0", "OptimizationSettings.Evaluations must be a whole number of at least 1 (got 0)" },
        { "negative content weight", "ObjectiveSettings.ContentWeight must be a finite number of at least 0 (got -1)" },
        { "NaN style weight", "ObjectiveSettings.StyleWeight must be a finite number of at least 0 (got NaN)" },
        { "Adam learning rate 0", "OptimizerSettings.LearningRate must be a finite number greater than 0 (got 0)" },
        { "SGD decay rate 2", "SGD decay needs 0 < rate <= 1" },
        { "zero blend weight", "must be a finite number greater than 0 (got 0)" },
        { "unknown content layer", "'layer9.9' is not a layer of ResNet18" },
        { "empty style layer list", "At least one style layer is needed" },
        { "size 8 px", "ImageSettings.Size must be a whole number from 16 to 16384 (got 8)" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void EachInvalidOptionFailsAtBuildNamingIt(string option, string expected)
    {
        var error = Assert.Throws<StyleTransferConfigurationException>(() => Apply(Builder(), option).Build());
        Assert.Contains(error.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal) && p.Fix.Length > 0);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeSnapshotIntervalFailsWhenTheRunStartsBeforeAnyEvaluation()
    {
        int evaluations = 0;
        StyleTransfer transfer = Builder().WithEvaluations(2).Build();
        var error = Assert.Throws<StyleTransferConfigurationException>(() => transfer.Run(new RunReporting
        {
            Progress = new SynchronousProgress<StyleTransferProgress>(_ => evaluations++),
            Snapshot = _ => { },
            SnapshotEvery = -1,
        }));
        Assert.Contains(error.Problems, p => p.Setting == Setting.SnapshotEvery && p.Message.Contains("RunReporting.SnapshotEvery must be a whole number of at least 0", StringComparison.Ordinal));
        Assert.Equal(0, evaluations);
    }

    [Fact]
    public void AllInvalidOptionsAtOnceAreListedTogether()
    {
        StyleTransferBuilder builder = Builder();
        foreach (string option in BadOptions().Select(row => (string)row[0]).Where(o => o is not "SGD decay rate 2"))
        {
            builder = Apply(builder, option);
        }

        var error = Assert.Throws<StyleTransferConfigurationException>(() => builder.Build());

        // Every option's problem at once, except the content weight's: the NaN style weight row sets all three weights again.
        string[] expected = BadOptions().Where(row => (string)row[0] is not ("SGD decay rate 2" or "negative content weight")).Select(row => (string)row[1]).ToArray();
        Assert.All(expected, text => Assert.Contains(error.Problems, p => p.Message.Contains(text, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, error.Problems.Count);
    }

    [Fact]
    public void ADivergingRunStopsWithAClearErrorAndNoImage()
    {
        var snapshots = new List<int>();
        StyleTransfer transfer = Builder().WithOptimizer(OptimizerSettings.Sgd(1e38)).WithEvaluations(20).Build();
        var error = Assert.Throws<StyleTransferDivergedException>(() => transfer.Run(new RunReporting { Snapshot = s => snapshots.Add(s.Evaluation), SnapshotEvery = 1 }));
        Assert.Contains("Lower the learning rate", error.Message, StringComparison.Ordinal);
        Assert.Matches("The loss became (NaN|∞|Infinity|-∞)", error.Message);
        Assert.True(snapshots.Count < 20);
    }

    [Fact]
    public void AnImageSmallerThanTheNetworksReachFailsClearly()
    {
        using var tiny = new Image<Rgb24>(1, 1);
        StyleTransfer transfer = new StyleTransferBuilder().WithFeatureExtractor(_fixture.Extractor)
            .WithContent(tiny).AddStyle(_style).WithSize(OutputSize.Original).WithEvaluations(2).Build();
        var error = Assert.Throws<InvalidImageException>(() => transfer.Run());
        Assert.Contains("(1x1) would be 1x1 px here, but ResNet18 needs at least 32 px on each side", error.Message, StringComparison.Ordinal);
        Assert.Contains("larger output size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnElongatedImageThatWouldBeTooThinAtTheWorkingSizeIsBadInputNotACrash()
    {
        using var strip = new Image<Rgb24>(4000, 4);
        StyleTransfer transfer = new StyleTransferBuilder().WithFeatureExtractor(_fixture.Extractor)
            .WithContent(strip).AddStyle(_style).WithEvaluations(2).Build();
        var error = Assert.Throws<InvalidImageException>(() => transfer.Run());
        Assert.Contains("(4000x4) would be 512x1 px here", error.Message, StringComparison.Ordinal);
        Assert.Contains("less elongated", error.Message, StringComparison.Ordinal);

        // A style that thin at the output size is refused the same way.
        StyleTransfer thinStyle = new StyleTransferBuilder().WithFeatureExtractor(_fixture.Extractor)
            .WithContent(_content).AddStyle(strip).WithSize(OutputSize.Original).WithEvaluations(2).Build();
        Assert.Contains("(4000x4) would be 48x1 px here", Assert.Throws<InvalidImageException>(() => thinStyle.Run()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunThatWouldNotFitInMemoryFailsBeforeOptimisingNamingSizeAndRemedies()
    {
        int evaluations = 0;
        StyleTransfer transfer = Builder().WithMemoryLimit(100L << 20).WithEvaluations(5).Build();
        var error = Assert.Throws<InsufficientMemoryException>(() => transfer.Run(RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(_ => evaluations++))));
        Assert.Contains("48x32", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lower the output size", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, evaluations);
    }

    [Fact]
    public void AStyleScaledBeyondTheMemoryLimitFailsBeforeItsTargetsAreComputed()
    {
        // The output alone fits, with room for 10 times its activations; the style at 8 times its side needs 64 times them.
        MemoryEstimate output = Builder().WithEvaluations(5).Build().EstimateMemory(48, 32);
        long fits = output.TotalBytes + (10 * output.ActivationBytes);
        int evaluations = 0;
        StyleTransfer transfer = Builder().WithMemoryLimit(fits).WithStyleScale(8).WithEvaluations(5).Build();
        var error = Assert.Throws<InsufficientMemoryException>(() => transfer.Run(RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(_ => evaluations++))));
        Assert.Contains("its largest style image 384x", error.Message, StringComparison.Ordinal);
        Assert.Contains("the style scale (ImageSettings.StyleScale)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, evaluations);
        using StyleTransferResult unscaled = Builder().WithMemoryLimit(fits).WithEvaluations(2).Build().Run();
    }

    [Fact]
    public void TheMemoryEstimateGrowsWithPixelsAndTheLbfgsHistory()
    {
        StyleTransfer lbfgs = Builder().WithEvaluations(300).Build();
        StyleTransfer adam = Builder().WithEvaluations(300).WithOptimizer(OptimizerSettings.Adam()).Build();
        MemoryEstimate small = lbfgs.EstimateMemory(256, 256), large = lbfgs.EstimateMemory(1024, 1024);
        Assert.Equal(16.0, (double)large.ActivationBytes / small.ActivationBytes, 2);
        Assert.Equal((2 * 100 + 10) * 3L * 1024 * 1024 * 4, large.OptimizerBytes);
        Assert.True(adam.EstimateMemory(1024, 1024).TotalBytes < large.TotalBytes);
        Assert.Throws<StyleTransferConfigurationException>(() => Builder().WithMemoryLimit(-1).Build());
    }

    [Fact]
    public void AnExistingFileIsNotOverwrittenUnlessAsked()
    {
        string path = Path.Combine(_directory, "keep.png");
        File.WriteAllBytes(path, [1, 2, 3]);
        using StyleTransferResult result = Builder().WithEvaluations(2).Build().Run();

        var error = Assert.Throws<OutputExistsException>(() => result.Save(path));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));

        result.Save(path, overwrite: true);
        Assert.Equal(48, Image.Identify(path).Width);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void ACancelledSaveLeavesNoFileAndNoTemporary()
    {
        using StyleTransferResult result = Builder().WithEvaluations(2).Build().Run();
        Assert.ThrowsAny<OperationCanceledException>(() => result.Save(Path.Combine(_directory, "never.png"), cancellationToken: new CancellationToken(canceled: true)));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void AnUnsupportedOutputFormatIsNamed()
    {
        using StyleTransferResult result = Builder().WithEvaluations(2).Build().Run();
        var error = Assert.Throws<NotSupportedException>(() => result.Save(Path.Combine(_directory, "out.bmp")));
        Assert.Contains(".png, .jpg, .jpeg, .webp", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    public void Dispose()
    {
        _content.Dispose();
        _style.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
    private StyleTransferBuilder Builder() => new StyleTransferBuilder()
        .WithFeatureExtractor(_fixture.Extractor)
        .WithContent(_content)
        .AddStyle(_style)
        .WithSize(OutputSize.Original);

    private StyleTransferBuilder Apply(StyleTransferBuilder builder, string option) => option switch
    {
        "iterations 0" => builder.WithEvaluations(0),
        "negative content weight" => builder.WithWeights(-1, 10, 10),
        "NaN style weight" => builder.WithWeights(1, double.NaN, 10),
        "Adam learning rate 0" => builder.WithOptimizer(OptimizerSettings.Adam(0)),
        "SGD decay rate 2" => builder.WithOptimizer(OptimizerSettings.Sgd(0.1, decayRate: 2)),
        "zero blend weight" => builder.AddStyle(_style, weight: 0),
        "unknown content layer" => builder.WithContentLayer("layer9.9"),
        "empty style layer list" => builder.WithStyleLayers(Array.Empty<LayerChoice>()),
        "size 8 px" => builder.WithSize(OutputSize.Height(8)),
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
    };
}
