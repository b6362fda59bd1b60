using NeuralStyle.Features;
using TorchSharp;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>A whole transfer at 128 px with the real pretrained ResNet18 and the default preset.</summary>
public sealed class EndToEndTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public EndToEndTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void DefaultPresetCutsTheStyleLossTenfoldWhileKeepingTheContent()
    {
        using Image<Rgb24> content = TestImages.Photo(128, 96);
        using Image<Rgb24> style = TestImages.Painting(128, 128);
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(_fixture.Extractor)
            .WithContent(content)
            .AddStyle(style)
            .WithSize(OutputSize.LongestSide(128))
            .WithIterations(150)
            .Build();

        using StyleTransferResult result = transfer.Run();

        LossBreakdown first = result.LossHistory[0], last = result.LossHistory[^1];
        Console.WriteLine($"style {first.Style} -> {last.Style}, content {first.Content} -> {last.Content}, tv {first.TotalVariation} -> {last.TotalVariation}");
        Assert.Equal((128, 96), (result.Image.Width, result.Image.Height));
        Assert.True(last.Style < first.Style / 10, $"style loss {first.Style} -> {last.Style}: expected a 10x drop");
        double styleImageContent = RelativeContentLoss(style, content);
        double grayContent = RelativeContentLoss(Gray(128, 96), content);
        double resultContent = RelativeContentLoss(result.Image.Color, content);
        Console.WriteLine($"content loss: result {resultContent}, style image {styleImageContent}, gray {grayContent}");
        Assert.True(last.Content < 0.5, $"relative content loss {last.Content}");
    }

    private double RelativeContentLoss(Image<Rgb24> image, Image<Rgb24> content)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using Image<Rgb24> resized = image.Clone(c => c.Resize(content.Width, content.Height));
        var layer = ResNet18Layer.BlockOutput(3, 0);
        var f = _fixture.Extractor.Extract(ImageTensor.FromImage(resized), [layer])[layer];
        var fc = _fixture.Extractor.Extract(ImageTensor.FromImage(content), [layer])[layer];
        return new NeuralStyle.Losses.ContentLoss(NeuralStyle.Losses.ContentLossFormula.Relative).Compute(f, fc).ToDouble();
    }

    private static Image<Rgb24> Gray(int w, int h) => new(w, h, new Rgb24(128, 128, 128));
}
