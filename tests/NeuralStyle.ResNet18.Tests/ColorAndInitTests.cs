using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>Colour preservation keeps the content's chroma; gray init starts from mid-gray.</summary>
public sealed class ColorAndInitTests : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Fixture _fixture;

    public ColorAndInitTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void LuminanceOnlyTransferKeepsTheContentsChromaAndChangesItsLuminance()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using StyleTransferResult result = Builder(content, style).WithColorPreservation(ColorPreservation.LuminanceOnly).Build().Run();

        using var scope = torch.NewDisposeScope();
        torch.Tensor output = YCbCr.FromRgb(ImageTensor.FromImage(result.Image.Color));
        torch.Tensor original = YCbCr.FromRgb(ImageTensor.FromImage(content));
        double chroma = (output.narrow(1, 1, 2) - original.narrow(1, 1, 2)).abs().mean().ToDouble();
        double luminance = (output.narrow(1, 0, 1) - original.narrow(1, 0, 1)).abs().mean().ToDouble();
        Assert.True(chroma < 2.0 / 255, $"mean chroma difference {chroma * 255:F2}/255");
        Assert.True(luminance > 5 * chroma, $"luminance changed by {luminance * 255:F2}/255, chroma by {chroma * 255:F2}/255");

        using StyleTransferResult free = Builder(content, style).Build().Run();
        torch.Tensor freeOutput = YCbCr.FromRgb(ImageTensor.FromImage(free.Image.Color));
        double freeChroma = (freeOutput.narrow(1, 1, 2) - original.narrow(1, 1, 2)).abs().mean().ToDouble();
        Assert.True(freeChroma > 3 * chroma, $"without preservation chroma moved {freeChroma * 255:F2}/255");
    }

    private StyleTransferBuilder Builder(Image<Rgb24> content, Image<Rgb24> style) => new StyleTransferBuilder()
        .WithFeatureExtractor(_fixture.Extractor).WithContent(content).AddStyle(style).WithSize(OutputSize.Original).WithEvaluations(30);
}
