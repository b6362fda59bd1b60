using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Styles.Tests;

/// <summary>The models embedded in the package: loaded offline by typed name and by name, each stylising a small photo.</summary>
public sealed class BuiltInStylesTests
{
    [Theory]
    [InlineData(BuiltInStyle.StarryNight, "starry-night")]
    [InlineData(BuiltInStyle.TheScream, "the-scream")]
    [InlineData(BuiltInStyle.Shipwreck, "shipwreck")]
    public void Each_style_loads_offline_and_paints_a_small_photo(BuiltInStyle style, string name)
    {
        Assert.Equal(name, BuiltInStyles.NameOf(style));
        using FastStyleModel model = BuiltInStyles.Load(style);
        Assert.Equal((NetworkWidth.Full, 1), (model.Architecture.Width, model.Architecture.ResidualBlocks));
        Assert.True(model.Info.Steps > 0);
        using Image<Rgb24> photo = TestImages.Photo(64, 48);
        using Image<Rgb24> styled = model.Stylize(photo);
        Assert.Equal((64, 48), (styled.Width, styled.Height));
        double changed = MeanAbsoluteDifference(photo, styled);
        Assert.True(changed > 10, $"the style changed the photo by only {changed:F1} levels on average");

        // Its painting's palette is recorded, as training saw the painting (128 px), so results move towards it.
        using Stream stream = BuiltInStyles.OpenPainting(style);
        using TransferImage painting = new ImageLoader().Load(stream);
        using TransferImage sized = painting.Resize(OutputSize.LongestSide(128));
        ColorPalette expected = ColorPalette.Of(sized.Color);
        Assert.NotNull(model.Info.Palette);
        Assert.All(model.Info.Palette.Mean.Zip(expected.Mean), p => Assert.Equal(p.Second, p.First, 0.02));
    }

    [Theory]
    [InlineData("starry-night")]
    [InlineData("the-scream")]
    [InlineData("shipwreck")]
    public void Each_model_is_at_most_2_MB(string name)
    {
        using Stream? model = typeof(BuiltInStyles).Assembly.GetManifestResourceStream($"NeuralStyle.Styles.{name}.safetensors");
        Assert.NotNull(model);
        Assert.InRange(model.Length, 1, 2_000_000);
    }

    [Fact]
    public void The_styles_are_three_different_models_with_their_paintings()
    {
        Assert.Equal(["starry-night", "the-scream", "shipwreck"], BuiltInStyles.Names);
        Assert.Equal(BuiltInStyles.Names, BuiltInStyles.All.Select(s => s.Name));
        Assert.Contains("van Gogh", BuiltInStyles.All[0].Painting, StringComparison.Ordinal);
        Assert.All(BuiltInStyles.All, s => Assert.Contains("steps", s.Training, StringComparison.Ordinal));
        string[] identities = Enum.GetValues<BuiltInStyle>().Select(BuiltInStyles.Identity).ToArray();
        Assert.Equal(3, identities.Distinct().Count());
        Assert.StartsWith("starry-night:sha256:", identities[0], StringComparison.Ordinal);
        Assert.Equal(identities[0], BuiltInStyles.Identity(BuiltInStyle.StarryNight));
    }

    [Theory]
    [InlineData("starry-night", true)]
    [InlineData("Starry-Night", true)]
    [InlineData("starry_night", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_parse_case_insensitively(string? name, bool known) =>
        Assert.Equal(known, BuiltInStyles.TryParse(name, out _));

    [Fact]
    public void A_name_or_a_file_loads_and_an_unknown_word_lists_the_names()
    {
        using (FastStyleModel byName = BuiltInStyles.LoadModel("the-scream"))
        {
            string file = Path.Combine(Path.GetTempPath(), $"neuralstyle-styles-{Guid.NewGuid():N}.safetensors");
            try
            {
                byName.Save(file);
                using FastStyleModel byFile = BuiltInStyles.LoadModel(file);
                Assert.Equal(byName.Info, byFile.Info);
            }
            finally
            {
                File.Delete(file);
            }
        }

        FileNotFoundException unknown = Assert.Throws<FileNotFoundException>(() => BuiltInStyles.LoadModel("mona-lisa"));
        Assert.Contains("'mona-lisa' is neither a built-in style (starry-night, the-scream, shipwreck) nor an existing model file", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInStyles.Load((BuiltInStyle)42));
    }

    private static double MeanAbsoluteDifference(Image<Rgb24> a, Image<Rgb24> b)
    {
        double sum = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                Rgb24 p = a[x, y], q = b[x, y];
                sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            }
        }

        return sum / (3.0 * a.Width * a.Height);
    }
}
