using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>The style strength knob on the embedded ResNet18: 0 is the photo, more is monotonically more style and less content.</summary>
public sealed class StrengthTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public StrengthTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void MoreStrengthGivesLowerStyleLossAndLowerContentSimilarity()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        double[] strengths = [0.25, 0.5, 1];
        var measured = new List<LossBreakdown>();
        foreach (double strength in strengths)
        {
            using StyleTransferResult result = Builder(content, style).WithStyleStrength(strength).Build().Run();
            measured.Add(Measure(result.Image.Color, content, style));
        }

        // Measured with one fixed objective (the recommended layers, unit weights, no smoothing), whatever the strength of the run.
        for (int i = 1; i < strengths.Length; i++)
        {
            Assert.True(measured[i].Style < measured[i - 1].Style, $"style loss at strength {strengths[i]}: {measured[i].Style:G4}, at {strengths[i - 1]}: {measured[i - 1].Style:G4}");
            Assert.True(measured[i].Content > measured[i - 1].Content, $"content loss at strength {strengths[i]}: {measured[i].Content:G4}, at {strengths[i - 1]}: {measured[i - 1].Content:G4}");
        }
    }

    [Fact]
    public void StrengthZeroIsThePhoto()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using StyleTransferResult result = Builder(content, style).WithStyleStrength(0).Build().Run();

        using var scope = torch.NewDisposeScope();
        double difference = (ImageTensor.FromImage(result.Image.Color) - ImageTensor.FromImage(content)).abs().max().ToDouble();
        Assert.True(difference <= 1.0 / 255, $"strength 0 changed a pixel by {difference * 255:F1}/255");
    }

    private LossBreakdown Measure(Image<Rgb24> image, Image<Rgb24> content, Image<Rgb24> style)
    {
        using var scope = torch.NewDisposeScope();
        ResolvedObjective fixedObjective = TestObjectives.Resolve(_fixture.Extractor, new ObjectiveSettings
        {
            StyleStrength = 1,
            ContentWeight = 1,
            StyleWeight = 1,
            TotalVariationWeight = 0,
        });
        using StyleObjective objective = TestObjectives.Objective(_fixture.Extractor, fixedObjective, ImageTensor.FromImage(content), [(ImageTensor.FromImage(style), 1.0)]);
        return objective.Evaluate(ImageTensor.FromImage(image));
    }

    private StyleTransferBuilder Builder(Image<Rgb24> content, Image<Rgb24> style) => new StyleTransferBuilder()
        .WithFeatureExtractor(_fixture.Extractor).WithContent(content).AddStyle(style).WithSize(OutputSize.Original).WithEvaluations(40);
}
