using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>A whole transfer at 128 px with the real pretrained ResNet18 and the default preset.</summary>
public sealed class EndToEndTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public EndToEndTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void DefaultPresetCutsTheStyleLossTenfoldWhileKeepingTheContent()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(128, 96);
        using Image<Rgb24> style = DemoImages.Swirls(128, 128);
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(_fixture.Extractor)
            .WithContent(content)
            .AddStyle(style)
            .WithSize(OutputSize.LongestSide(128))
            .WithEvaluations(150)
            .Build();

        using StyleTransferResult result = transfer.Run();

        LossBreakdown first = result.LossHistory[0], last = result.LossHistory[^1];
        Assert.Equal((128, 96), (result.Image.Width, result.Image.Height));
        Assert.True(last.Style < first.Style / 10, $"style loss {first.Style} -> {last.Style}: expected a 10x drop");

        // Content bound, relative to two references measured the same way (relative content loss at
        // the recommended content layer of the saved 8-bit image): a flat mid-gray picture, which carries no content at
        // all, and the painting itself, which is pure style. The result must keep the photo better
        // than the gray picture does and sit well below the painting (under 0.6 of its loss).
        double result8Bit = RelativeContentLoss(result.Image.Color, content);
        using Image<Rgb24> gray = new(content.Width, content.Height, new Rgb24(128, 128, 128));
        double grayReference = RelativeContentLoss(gray, content);
        double paintingReference = RelativeContentLoss(style, content);
        Assert.True(result8Bit < grayReference, $"content loss {result8Bit} is not below the flat gray picture's {grayReference}");
        Assert.True(result8Bit < 0.6 * paintingReference, $"content loss {result8Bit} is not below 0.6 x the painting's {paintingReference}");
    }

    private double RelativeContentLoss(Image<Rgb24> image, Image<Rgb24> content)
    {
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> resized = image.Clone(c => c.Resize(content.Width, content.Height));
        FeatureLayer layer = _fixture.Extractor.Recommended.Content;
        torch.Tensor features = TestObjectives.Features(_fixture.Extractor, ImageTensor.FromImage(resized), [layer])[layer];
        torch.Tensor target = TestObjectives.Features(_fixture.Extractor, ImageTensor.FromImage(content), [layer])[layer];
        return new ContentLoss(ContentLossFormula.Relative).Compute(features, target).ToDouble();
    }
}
