using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Tests.Optimization;

/// <summary>The default start: the photo recoloured to the styles' palettes, blended by weight, masked styles only inside their masks.</summary>
public sealed class PaletteStartTests
{
    [Fact]
    public void AtBlendZeroTheStartIsThePhoto()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor content = Photo();
        torch.Tensor start = PaletteStart.Of(content, [new StyleTensor(Painting(0.2f, 0.3f, 0.7f))], blend: 0);

        Assert.True(torch.allclose(start, content, rtol: 0, atol: 0), "blend 0 leaves every pixel of the photo");
    }

    [Fact]
    public void AtFullBlendTheStartTakesTheStylesColourMean()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor content = Photo(), style = Painting(0.2f, 0.3f, 0.7f);
        torch.Tensor start = PaletteStart.Of(content, [new StyleTensor(style)], blend: 1);

        (torch.Tensor mean, _) = ColorMatching.Statistics(start);
        (torch.Tensor styleMean, _) = ColorMatching.Statistics(style);
        (torch.Tensor photoMean, _) = ColorMatching.Statistics(content);
        Assert.True(torch.allclose(mean, styleMean, rtol: 0, atol: 0.02), "the start has the painting's mean colour");
        Assert.False(torch.allclose(photoMean, styleMean, rtol: 0, atol: 0.1), "the photo's differs to begin with");
    }

    [Fact]
    public void HalfBlendIsHalfWayAndUnmaskedStylesBlendByWeight()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor content = Photo(), blue = Painting(0.2f, 0.3f, 0.7f), red = Painting(0.7f, 0.3f, 0.2f);
        torch.Tensor onlyBlue = PaletteStart.Of(content, [new StyleTensor(blue)], blend: 1);
        torch.Tensor onlyRed = PaletteStart.Of(content, [new StyleTensor(red)], blend: 1);

        torch.Tensor half = PaletteStart.Of(content, [new StyleTensor(blue)], blend: 0.5);
        torch.Tensor weighted = PaletteStart.Of(content, [new StyleTensor(blue, Weight: 3), new StyleTensor(red, Weight: 1)], blend: 1);

        Assert.True(torch.allclose(half, (content + onlyBlue) / 2, rtol: 0, atol: 1e-6), "half the blend is half way from the photo");
        Assert.True(torch.allclose(weighted, (onlyBlue * 0.75) + (onlyRed * 0.25), rtol: 0, atol: 1e-6), "weights 3:1 mix the recolourings 3:1");
    }

    [Fact]
    public void AMaskedStyleRecoloursOnlyInsideItsMask()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor content = Photo(), blue = Painting(0.2f, 0.3f, 0.7f);
        torch.Tensor mask = torch.zeros(1, 1, 16, 24);
        mask[.., .., .., ..12] = 1;

        torch.Tensor start = PaletteStart.Of(content, [new StyleTensor(blue, Mask: mask)], blend: 1);
        torch.Tensor everywhere = PaletteStart.Of(content, [new StyleTensor(blue)], blend: 1);

        Assert.True(torch.allclose(start[.., .., .., 12..], content[.., .., .., 12..], rtol: 0, atol: 0), "outside the mask the photo keeps its colours");
        Assert.True(torch.allclose(start[.., .., .., ..12], everywhere[.., .., .., ..12], rtol: 0, atol: 1e-6), "inside it takes the painting's palette");
    }

    /// <summary>A warm, structured photo: colours that vary together, mean far from the paintings'.</summary>
    private static torch.Tensor Photo()
    {
        torch.Tensor gradient = torch.linspace(0, 1, 24).view(1, 1, 1, 24).expand(1, 1, 16, 24);
        using var generator = new torch.Generator(7);
        torch.Tensor noise = torch.rand(1, 3, 16, 24, generator: generator) * 0.1;
        return (torch.cat([0.5 + (0.4 * gradient), 0.4 + (0.3 * gradient), 0.1 + (0.2 * gradient)], dim: 1) + noise).clamp(0, 1);
    }

    /// <summary>A painting of mean colour (r, g, b) with some texture.</summary>
    private static torch.Tensor Painting(float r, float g, float b)
    {
        using var generator = new torch.Generator(11);
        return ((torch.rand(1, 3, 20, 20, generator: generator) * 0.2) - 0.1 + torch.tensor(new[] { r, g, b }).view(1, 3, 1, 1)).clamp(0, 1);
    }
}
