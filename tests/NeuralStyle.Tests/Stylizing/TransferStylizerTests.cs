using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Stylizing;

/// <summary>The transfer as a stylizer: validated once without a content image, style targets computed once, the same result as a transfer of its own.</summary>
public sealed class TransferStylizerTests : IDisposable
{
    private static readonly StyleTransferSettings Small = StyleTransferSettings.Default
        .WithImage(i => i with { Size = OutputSize.LongestSide(32) })
        .WithOptimization(o => o with { Evaluations = 4 });

    private readonly TinyExtractor _extractor = new();
    private readonly Image<Rgb24> _style = TestImages.Painting(32, 32);

    [Fact]
    public async Task Each_call_paints_its_photo_and_the_style_targets_are_computed_once()
    {
        using TransferStylizer stylizer = new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(_style).BuildStylizer();
        using TransferImage first = new(TestImages.Photo(48, 32));
        using TransferImage second = new(TestImages.Photo(48, 32));
        var reports = new List<StylizeProgress>();
        using TransferImage a = await stylizer.StylizeAsync(first, new SynchronousProgress<StylizeProgress>(reports.Add));
        using TransferImage b = await stylizer.StylizeAsync(second);

        Assert.Equal((32, 21), (a.Width, a.Height));
        Assert.Equal((1, 1), stylizer.StyleTargetUse);
        Assert.Equal(4, reports.Count);
        Assert.Equal(1, reports[^1].Fraction);
        Assert.NotNull(reports[^1].Transfer);

        using StyleTransferResult alone = await new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(_style)
            .WithContent(TestImages.Photo(48, 32)).Build().RunAsync();
        Rgb24 expected = alone.Image.Color[7, 9], actual = b.Color[7, 9];
        Assert.True(Math.Abs(expected.R - actual.R) <= 1 && Math.Abs(expected.G - actual.G) <= 1 && Math.Abs(expected.B - actual.B) <= 1, $"{actual} differs from a transfer of its own ({expected})");
    }

    [Fact]
    public void A_stylizer_takes_its_photo_at_each_call_and_names_its_files_and_settings()
    {
        StyleTransferConfigurationException withContent = Assert.Throws<StyleTransferConfigurationException>(() =>
            new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(_style).WithContent("photo.png").BuildStylizer());
        Assert.Equal(Setting.ContentImage, Assert.Single(withContent.Problems).Setting);

        string folder = Directory.CreateTempSubdirectory("neuralstyle-stylizer-").FullName;
        try
        {
            string painting = Path.Combine(folder, "painting.png");
            _style.SaveAsPng(painting);
            using TransferStylizer stylizer = new StyleTransferBuilder().WithFeatureExtractor(_extractor, "Tiny (seed 7)").WithSettings(Small).AddStyle(painting).BuildStylizer();
            Assert.Equal([(painting, "style image")], stylizer.Inputs);
            Assert.Contains("Tiny (seed 7)", stylizer.Identity, StringComparison.Ordinal);
            using TransferStylizer stronger = new StyleTransferBuilder().WithFeatureExtractor(_extractor, "Tiny (seed 7)")
                .WithSettings(Small.WithObjective(o => o with { StyleStrength = 0.9 })).AddStyle(painting).BuildStylizer();
            Assert.NotEqual(stylizer.Identity, stronger.Identity);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_style_given_as_a_stream_serves_every_call_and_the_painting_itself_is_in_the_identity()
    {
        using var encoded = new MemoryStream();
        _style.SaveAsPng(encoded);
        encoded.Position = 0;
        using TransferStylizer fromStream = new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(encoded).BuildStylizer();
        for (int call = 0; call < 2; call++)
        {
            using TransferImage photo = new(TestImages.Photo(48, 32));
            using TransferImage painted = await fromStream.StylizeAsync(photo);
            Assert.Equal(32, painted.Width);
        }

        using Image<Rgb24> other = TestImages.Photo(32, 32);
        using TransferStylizer a = new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(_style).BuildStylizer();
        using TransferStylizer b = new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(other).BuildStylizer();
        using TransferStylizer again = new StyleTransferBuilder().WithFeatureExtractor(_extractor).WithSettings(Small).AddStyle(_style).BuildStylizer();
        Assert.NotEqual(a.Identity, b.Identity);
        Assert.Equal(a.Identity, again.Identity);
    }

    public void Dispose()
    {
        _extractor.Dispose();
        _style.Dispose();
    }
}
