using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;
using NeuralStyle.Testing;

namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// A fast network's memory is bounded by <see cref="StylizeOptions.MemoryLimitBytes"/> whatever the
/// image: measured as the process's peak resident growth (a built-in style's pass at 1200 px needs
/// gigabytes untiled: about 2 GB for the first release's half-width model).
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class FastStyleMemoryTests
{
    [Fact]
    public void A_large_photo_stays_within_the_memory_limit()
    {
        const long limit = 256L << 20;
        using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.StarryNight);
        using TransferImage photo = ImageLoader.FromImage(DemoImages.Lakeside(1200, 1200));
        var options = new StylizeOptions { MemoryLimitBytes = limit };
        using (TransferImage small = ImageLoader.FromImage(DemoImages.Lakeside(96, 96)))
        using (model.Stylize(small, options))
        {
            // Loads the kernels and measures the network once, outside the measurement.
        }

        TransferImage? result = null;
        long growth = PeakResident.GrowthDuring(() => result = model.Stylize(photo, options));
        using (result)
        {
            Assert.Equal((1200, 1200), (result!.Width, result.Height));
        }

        Assert.True(growth < limit * 5 / 4, $"stylising 1200x1200 under a {limit >> 20} MB limit grew the resident size by {growth >> 20} MB");
    }

    [Fact]
    public void An_image_whose_own_buffers_exceed_the_limit_is_refused_before_any_work()
    {
        using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.StarryNight);
        using TransferImage photo = ImageLoader.FromImage(DemoImages.Lakeside(1600, 1200));
        var options = new StylizeOptions { MemoryLimitBytes = StylizeOptions.MinimumMemoryLimitBytes };
        InsufficientMemoryException error = Assert.Throws<InsufficientMemoryException>(() => model.Stylize(photo, options));
        Assert.Contains("1600x1200", error.Message, StringComparison.Ordinal);
        Assert.Contains("MemoryLimitBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_photo_is_not_enlarged_unless_allowed()
    {
        using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.StarryNight);
        using TransferImage photo = ImageLoader.FromImage(DemoImages.Lakeside(128, 96));
        using TransferImage kept = model.Stylize(photo, new StylizeOptions { Size = 2048 });
        Assert.Equal((128, 96), (kept.Width, kept.Height));
        using TransferImage doubled = model.Stylize(photo, new StylizeOptions { Size = 2048, MaxUpscale = 2 });
        Assert.Equal((256, 192), (doubled.Width, doubled.Height));
    }
}
