using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>Each issue-4 option changes what it should, with the real ResNet18 on small images.</summary>
public sealed class FeatureOptionTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public FeatureOptionTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void AMasksBlackRegionKeepsItsContent()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(96, 64);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using var mask = new Image<Rgb24>(96, 64, new Rgb24(0, 0, 0));
        mask.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                rows.GetRowSpan(y)[..48].Fill(new Rgb24(255, 255, 255));
            }
        });

        using StyleTransferResult result = Builder(content)
            .AddStyle(ImageSource.FromImage(style), 1, ImageSource.FromImage(mask))
            .WithEvaluations(40)
            .Build()
            .Run();

        using var scope = torch.NewDisposeScope();
        torch.Tensor change = (ImageTensor.FromImage(result.Image.Color) - ImageTensor.FromImage(content)).abs();
        double styled = change[.., .., .., ..32].mean().ToDouble();
        double kept = change[.., .., .., 64..].mean().ToDouble();
        Assert.True(kept < 0.35 * styled, $"mean change {kept * 255:F1}/255 where the mask is black vs {styled * 255:F1}/255 where it is white");
    }

    [Fact]
    public void MultiScaleRunsEachScaleAtTheSizesItAnnounces()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(128, 96);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        var recorder = new RecordingExtractor(_fixture.Extractor);
        var reports = new List<StyleTransferProgress>();
        StyleTransfer transfer = Builder(content, recorder)
            .AddStyle(style)
            .WithMultiScale(new MultiScaleSettings { SmallestSide = 64, CoarseEvaluations = 3 })
            .WithEvaluations(4)
            .Build();

        IReadOnlyList<ScaleStage> plan = transfer.PlanScales(128, 96);
        using StyleTransferResult result = transfer.Run(RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(reports.Add)));

        Assert.Equal([(64, 48), (91, 68), (128, 96)], plan.Select(s => (s.Width, s.Height)));
        Assert.Equal([3, 3, 4], plan.Select(s => s.Evaluations));
        Assert.Equal(10, result.LossHistory.Count);
        Assert.Equal(Enumerable.Range(1, 10), reports.Select(r => r.Evaluation));
        Assert.All(reports, r => Assert.Equal(10, r.TotalEvaluations));
        Assert.Equal(plan.SelectMany(s => Enumerable.Repeat(s, s.Evaluations)), reports.Select(r => r.Scale));
        foreach (ScaleStage stage in plan)
        {
            Assert.Contains(((long)stage.Height, (long)stage.Width), recorder.Sizes);
        }

        Assert.Equal((128, 96), (result.Image.Width, result.Image.Height));
    }

    [Theory]
    [InlineData(1.0, 128)]
    [InlineData(0.5, 64)]
    public void StyleScaleSizesTheStyleRelativeToTheOutput(double scale, long expectedSide)
    {
        using Image<Rgb24> content = DemoImages.Lakeside(128, 96);
        using Image<Rgb24> style = DemoImages.Swirls(100, 100);
        var recorder = new RecordingExtractor(_fixture.Extractor);
        using StyleTransferResult result = Builder(content, recorder).AddStyle(style).WithStyleScale(scale).WithEvaluations(1).WithMemoryLimit(0).Build().Run();

        (long Height, long Width)[] squares = recorder.Sizes.Where(s => s.Height == s.Width).Distinct().ToArray();
        Assert.Equal([(expectedSide, expectedSide)], squares);
    }

    [Fact]
    public void ColorMatchingGivesTheResultTheContentsPalette()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        // Started from the style image, the result keeps the palette of the style it was given: the
        // painting's own, or the painting recoloured to the photo's statistics.
        using StyleTransferResult matched = Builder(content).AddStyle(style).WithInit(InitMode.Style).WithColorPreservation(ColorPreservation.ColorMatching).Build().Run();
        using StyleTransferResult free = Builder(content).AddStyle(style).WithInit(InitMode.Style).Build().Run();

        using var scope = torch.NewDisposeScope();
        (torch.Tensor contentMean, _) = ColorMatching.Statistics(ImageTensor.FromImage(content));
        (torch.Tensor styleMean, _) = ColorMatching.Statistics(ImageTensor.FromImage(style));
        double matchedDistance = MeanDistance(matched, contentMean);
        double freeDistance = MeanDistance(free, contentMean);
        Assert.True((styleMean - contentMean).norm().ToDouble() > 0.1, "the painting's palette differs from the photo's");
        Assert.True(matchedDistance < 0.5 * freeDistance, $"mean colour off the photo's by {matchedDistance:F3} with matching, {freeDistance:F3} without");
    }

    /// <summary>
    /// Up to stage1 ResNet18 sees about 21 px on each side; with 48 px of context beyond the
    /// cross-fade, tiles of an odd-sized image (ResNet18 pads odd sizes symmetrically) give the
    /// whole image's losses and gradient.
    /// </summary>
    [Fact]
    public void TiledEvaluationOfAnOddSizedImageIsExactWhenTheHaloCoversTheReceptiveField()
    {
        using var scope = torch.NewDisposeScope();
        ResNet18FeatureExtractor extractor = _fixture.Extractor;
        ResolvedObjective definition = TestObjectives.Relative(extractor, ["stage1"], ["stem", "stage1"]);
        torch.Tensor content = torch.rand([1, 3, 150, 230], generator: new torch.Generator(5));
        torch.Tensor style = torch.rand([1, 3, 100, 100], generator: new torch.Generator(6));
        torch.Tensor image = torch.rand([1, 3, 150, 230], generator: new torch.Generator(7));
        (LossBreakdown Loss, torch.Tensor Gradient) Evaluate(TilingSettings? tiling)
        {
            using StyleObjective objective = TestObjectives.Objective(extractor, definition, content, [(style, 1)], OptimizationSpace.Rgb, tiling);
            LossBreakdown loss = objective.Evaluate(image, out torch.Tensor gradient);
            return (loss, gradient);
        }

        (LossBreakdown wholeLoss, torch.Tensor whole) = Evaluate(null);
        (LossBreakdown tiledLoss, torch.Tensor tiled) = Evaluate(new TilingSettings { TileSize = 64, Halo = 64, BlendWidth = 32 });

        Assert.Equal(wholeLoss.Content, tiledLoss.Content, 1e-4 * wholeLoss.Content);
        Assert.Equal(wholeLoss.Style, tiledLoss.Style, 1e-4 * wholeLoss.Style);
        double difference = (tiled - whole).abs().max().ToDouble(), scale = whole.abs().max().ToDouble();
        Assert.True(difference <= 1e-4 * scale, $"max |tiled - whole| gradient {difference:E2} against max |gradient| {scale:E2}");
    }

    [Fact]
    public void NormalizedGradientsDivideEachLayersGradientByItsL1Norm()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        ResolvedObjective recommended = Builder(content).AddStyle(style).Build().Objective;
        ResolvedObjective plain = recommended with
        {
            Settings = recommended.Settings with { ContentWeight = 0, TotalVariationWeight = 0 },
            StyleLayers = recommended.StyleLayers.Take(2).ToArray(),
        };

        using var scope = torch.NewDisposeScope();
        torch.Tensor contentTensor = ImageTensor.FromImage(content);
        torch.Tensor styleTensor = ImageTensor.FromImage(style);
        torch.Tensor image = (contentTensor + (torch.rand_like(contentTensor) * 0.2)).clamp(0, 1);
        torch.Tensor Gradient(ResolvedObjective definition)
        {
            using StyleObjective objective = TestObjectives.Objective(_fixture.Extractor, definition, contentTensor, [(styleTensor, 1)]);
            objective.Evaluate(image, out torch.Tensor gradient);
            return gradient;
        }

        // By hand: each layer's gradient w.r.t. its features, divided by its L1 norm, times its weight, back to the image.
        var loss = new GramStyleLoss(plain.Settings.StyleFormula);
        torch.Tensor variable = image.detach().requires_grad_(true);
        torch.Tensor surrogate = torch.zeros([]);
        foreach (WeightedLayer layer in plain.StyleLayers)
        {
            torch.Tensor features = TestObjectives.Features(_fixture.Extractor, variable, [layer.Layer])[layer.Layer];
            torch.Tensor target = loss.Statistic(TestObjectives.Features(_fixture.Extractor, styleTensor, [layer.Layer])[layer.Layer].detach());
            torch.Tensor g = torch.autograd.grad([loss.Compute(features, target, 48, 64)], [features], retain_graph: true)[0];
            surrogate = surrogate + (features * (g / (g.abs().sum() + 1e-8) * layer.Weight * plain.StyleWeight).detach()).sum();
        }

        torch.Tensor expected = torch.autograd.grad([surrogate], [variable])[0];
        torch.Tensor normalized = Gradient(plain with { Settings = plain.Settings with { NormalizeGradients = true } });
        Assert.True(torch.allclose(normalized, expected, rtol: 1e-4, atol: 1e-7), $"max difference {(normalized - expected).abs().max().ToDouble()}");
        torch.Tensor unnormalized = Gradient(plain);
        double ratio = (unnormalized.norm() / normalized.norm()).ToDouble();
        Assert.False(torch.allclose(unnormalized, normalized * ratio, rtol: 0.05, atol: 1e-9), "normalising per layer is not a global rescaling");
    }

    [Theory]
    [InlineData(StyleLossKind.MeanCovariance)]
    [InlineData(StyleLossKind.Wasserstein)]
    public void AlternativeStyleLossesAreMinimised(StyleLossKind kind)
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        // From the photo itself, as these losses were first measured: the palette start (the default) begins nearer the style.
        using StyleTransferResult result = Builder(content).AddStyle(style).WithStyleLoss(kind).WithInit(InitMode.Content).WithEvaluations(45).Build().Run();
        Assert.True(result.LossHistory[^1].Style < result.LossHistory[0].Style / 3, $"style loss {result.LossHistory[0].Style} -> {result.LossHistory[^1].Style}");
    }

    [Fact]
    public void AdamWithNormalizedGradientsAndAnIterateAverageStyles()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using StyleTransferResult result = Builder(content)
            .AddStyle(style)
            .WithOptimizer(OptimizerSettings.Adam(0.02, averageDecay: 0.9))
            .WithNormalizedGradients()
            .Build()
            .Run();
        Assert.True(result.LossHistory[^1].Style < result.LossHistory[0].Style / 2, $"style loss {result.LossHistory[0].Style} -> {result.LossHistory[^1].Style}");
    }

    private static double MeanDistance(StyleTransferResult result, torch.Tensor reference)
    {
        (torch.Tensor mean, _) = ColorMatching.Statistics(ImageTensor.FromImage(result.Image.Color));
        return (mean - reference).norm().ToDouble();
    }

    [Fact]
    public void An_elongated_image_starts_multi_scale_at_the_first_scale_the_network_takes()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(320, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        StyleTransfer transfer = Builder(content)
            .AddStyle(style)
            .WithMultiScale(new MultiScaleSettings { SmallestSide = 64, CoarseEvaluations = 2 })
            .WithEvaluations(2)
            .Build();

        IReadOnlyList<ScaleStage> plan = transfer.PlanScales(320, 48);
        Assert.Equal([(226, 34), (320, 48)], plan.Select(s => (s.Width, s.Height)));
        Assert.All(plan, s => Assert.True(Math.Min(s.Width, s.Height) >= ResNet18FeatureExtractor.MinimumSide, $"{s.Width}x{s.Height}"));
        Assert.Equal(1000, transfer.PlanScales(1000, 40).Single().Width);

        using StyleTransferResult result = transfer.Run();
        Assert.Equal((320, 48), (result.Image.Width, result.Image.Height));
        Assert.Equal(4, result.LossHistory.Count);
    }

    private StyleTransferBuilder Builder(Image<Rgb24> content, IFeatureExtractor? extractor = null) => new StyleTransferBuilder()
        .WithFeatureExtractor(extractor ?? _fixture.Extractor).WithContent(content).WithSize(OutputSize.Original).WithEvaluations(30);
}
