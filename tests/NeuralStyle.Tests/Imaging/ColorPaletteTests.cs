using NeuralStyle.Engine;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.Tests.Imaging;

/// <summary>A painting's palette: measured, pooled, written as text, and moved towards.</summary>
public sealed class ColorPaletteTests
{
    private static double[] Mean(torch.Tensor rgb) => ColorMatching.Statistics(rgb).Mean.data<double>().ToArray();

    /// <summary>The drawn painting's palette.</summary>
    private static ColorPalette Painting()
    {
        using Image<Rgb24> painting = DemoImages.Swirls(48, 40);
        return ColorPalette.Of(painting);
    }

    /// <summary>The drawn photo as a <c>[1, 3, 32, 40]</c> tensor (in the caller's dispose scope).</summary>
    private static torch.Tensor Photo()
    {
        using Image<Rgb24> lakeside = DemoImages.Lakeside(40, 32);
        return ImageTensor.FromImage(lakeside);
    }

    [Fact]
    public void Recoloring_all_the_way_gives_the_palettes_mean_and_covariance_and_none_of_the_way_changes_nothing()
    {
        using var scope = torch.NewDisposeScope();
        ColorPalette palette = Painting();
        torch.Tensor photo = Photo();

        torch.Tensor all = palette.Recolor(photo, 1);
        torch.Tensor none = palette.Recolor(photo, 0);

        Assert.Equal(photo.shape, all.shape);
        Assert.True(torch.allclose(none, photo, rtol: 0, atol: 0), "share 0 leaves the image as it was");
        (torch.Tensor meanTensor, torch.Tensor covarianceTensor) = ColorMatching.Statistics(all);
        double[] mean = meanTensor.data<double>().ToArray(), covariance = covarianceTensor.contiguous().data<double>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            // Clamping to [0, 1] and rounding to float32 leave a small gap; the photo starts far from it.
            Assert.InRange(mean[i], palette.Mean[i] - 0.02, palette.Mean[i] + 0.02);
        }

        for (int i = 0; i < 9; i++)
        {
            Assert.InRange(covariance[i], palette.Covariance[i] - 0.005, palette.Covariance[i] + 0.005);
        }

        Assert.True(Mean(photo).Zip(palette.Mean).Max(p => Math.Abs(p.First - p.Second)) > 0.1, "the test images differ in colour to begin with");
    }

    [Fact]
    public void A_share_moves_the_mean_part_of_the_way_and_each_image_of_a_batch_on_its_own()
    {
        using var scope = torch.NewDisposeScope();
        ColorPalette palette = Painting();
        torch.Tensor a = Photo();
        torch.Tensor b = a.flip(3) * 0.5;

        torch.Tensor batch = palette.Recolor(torch.cat([a, b], 0), 0.5);

        Assert.True(torch.allclose(batch.narrow(0, 0, 1), palette.Recolor(a, 0.5), rtol: 0, atol: 0), "the first image as if alone");
        Assert.True(torch.allclose(batch.narrow(0, 1, 1), palette.Recolor(b, 0.5), rtol: 0, atol: 0), "the second image as if alone");
        double[] before = Mean(a), all = Mean(palette.Recolor(a, 1)), half = Mean(batch.narrow(0, 0, 1));
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(half[i], ((before[i] + all[i]) / 2) - 1e-6, ((before[i] + all[i]) / 2) + 1e-6);
        }
    }

    [Fact]
    public void A_nearly_flat_image_is_shifted_not_stretched_into_noise()
    {
        using var scope = torch.NewDisposeScope();
        ColorPalette palette = Painting();
        using var generator = new torch.Generator(11);
        torch.Tensor flat = torch.full([1, 3, 32, 32], 0.5) + (torch.rand([1, 3, 32, 32], generator: generator) * (1.0 / 255));

        torch.Tensor recoloured = palette.Recolor(flat, 1);

        double spread = recoloured.std([0, 2, 3]).max().ToDouble();
        Assert.True(spread < 0.02, $"a flat image's pixels spread by {spread:G3} per channel after recolouring (the photo's noise was 0.001)");
        Assert.True(recoloured.min().ToDouble() >= 0 && recoloured.max().ToDouble() <= 1);
    }

    [Fact]
    public void Mixing_equal_weights_gives_the_palette_of_the_pooled_pixels()
    {
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> a = DemoImages.Swirls(32, 32);
        using Image<Rgb24> b = DemoImages.Lakeside(32, 32);
        using Image<Rgb24> both = new(64, 32);
        both.Mutate(c => c.DrawImage(a, new Point(0, 0), 1).DrawImage(b, new Point(32, 0), 1));

        ColorPalette mixed = ColorPalette.Mix([(ColorPalette.Of(a), 2), (ColorPalette.Of(b), 2)]);
        ColorPalette pooled = ColorPalette.Of(both);

        Assert.All(mixed.Mean.Zip(pooled.Mean), p => Assert.Equal(p.Second, p.First, 1e-9));
        Assert.All(mixed.Covariance.Zip(pooled.Covariance), p => Assert.Equal(p.Second, p.First, 1e-9));
        ColorPalette alone = ColorPalette.Of(a);
        Assert.Same(alone, ColorPalette.Mix([(alone, 0.3)]));
        Assert.Throws<ArgumentException>(() => ColorPalette.Mix([(ColorPalette.Of(a), 0)]));
        Assert.Throws<ArgumentException>(() => ColorPalette.Mix([]));
    }

    [Fact]
    public void The_text_form_round_trips_exactly_and_bad_text_is_refused()
    {
        ColorPalette palette = Painting();

        Assert.True(ColorPalette.TryParse(palette.ToText(), out ColorPalette? read));
        Assert.Equal(palette, read);
        Assert.Equal(12, palette.ToText().Split(' ').Length);
        Assert.False(ColorPalette.TryParse(string.Join(' ', palette.ToText().Split(' ').Skip(1)), out _));
        Assert.False(ColorPalette.TryParse(palette.ToText().Replace(palette.Mean[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "NaN", StringComparison.Ordinal), out _));
        Assert.False(ColorPalette.TryParse("0.5 0.5 0.5 -1 0 0 0 0.1 0 0 0 0.1", out _), "a negative variance");
        Assert.False(ColorPalette.TryParse("0.5 0.5 0.5 0.5 0 0 0 0.1 0 0 0 0.1", out _), "a variance above 0.25 (colours in [0, 1])");
        Assert.False(ColorPalette.TryParse("1.5 0.5 0.5 0.1 0 0 0 0.1 0 0 0 0.1", out _), "a mean outside [0, 1]");
        Assert.False(ColorPalette.TryParse("0.5 0.5 0.5 0.1 0.05 0 0 0.1 0 0 0 0.1", out _), "not symmetric");
        Assert.False(ColorPalette.TryParse("0.5 0.5 0.5 0.01 0.05 0 0.05 0.01 0 0 0 0.1", out _), "a correlation above 1");
        Assert.True(ColorPalette.TryParse("0.5 0.5 0.5 0.01 0.005 0 0.005 0.01 0 0 0 0.1", out _), "a plausible palette");
        Assert.False(ColorPalette.TryParse(null, out _));
    }

    [Fact]
    public void A_non_contiguous_batch_is_recoloured_as_its_contiguous_copy_and_a_tensor_of_another_shape_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        ColorPalette palette = Painting();
        torch.Tensor transposed = Photo().transpose(2, 3);
        Assert.False(transposed.is_contiguous());

        Assert.True(torch.allclose(palette.Recolor(transposed, 0.6), palette.Recolor(transposed.contiguous(), 0.6), rtol: 0, atol: 0));
        Assert.Throws<ArgumentException>(() => palette.Recolor(torch.rand(3, 8, 8), 1));
        Assert.Throws<ArgumentException>(() => palette.Recolor(torch.rand(1, 4, 8, 8), 1));
        Assert.Throws<ArgumentException>(() => palette.Recolor(torch.ones(1, 3, 8, 8, dtype: torch.ScalarType.Int32), 1));
        torch.Tensor tracked = torch.rand(1, 3, 8, 8).requires_grad_(true);
        Assert.False(palette.Recolor(tracked, 1).requires_grad, "the result carries no gradient");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(254)]
    public void A_palette_with_a_constant_channel_reads_back(byte green)
    {
        // E[x²] − μ² of a constant channel rounds to about ±1e-19; every palette Of makes must read back.
        using var image = new Image<Rgb24>(48, 40);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x * 5), green, (byte)(y * 6));
                }
            }
        });

        ColorPalette palette = ColorPalette.Of(image);

        Assert.True(palette.Covariance[4] >= 0);
        Assert.True(ColorPalette.TryParse(palette.ToText(), out ColorPalette? read));
        Assert.Equal(palette, read);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_share_outside_0_to_1_is_refused(double share)
    {
        using torch.Tensor photo = torch.rand(1, 3, 8, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => Painting().Recolor(photo, share));
    }
}
