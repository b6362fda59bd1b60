using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.FastStyle.Tests.Inference;

public sealed class TilePlanTests
{
    private const double NetworkBytesPerPixel = 2200;

    [Theory]
    [InlineData(8, 512, 512, 256)]
    [InlineData(8, 512, 512, 64)]
    [InlineData(3, 1024, 768, 300)]
    [InlineData(1, 4000, 3000, 2048)]
    [InlineData(16, 256, 256, 128)]
    public void A_pass_of_images_with_their_tiles_fits_the_memory_limit_and_tiles_keep_the_smallest_side(int images, int width, int height, int limitMegabytes)
    {
        var options = StylizeOptions.Default with { MemoryLimitBytes = (long)limitMegabytes << 20 };
        TilePlan plan = TilePlan.For(images, width, height, NetworkBytesPerPixel, options, recolors: true);

        long wholeImage = (long)width * height * TilePlan.WholeImageBytesPerPixel(options, recolors: true);
        double tile = (double)Math.Min(plan.TileSize, width) * Math.Min(plan.TileSize, height) * NetworkBytesPerPixel * TilePlan.ScratchFactor;
        Assert.InRange(plan.ImagesPerPass, 1, images);
        Assert.True(
            plan.ImagesPerPass * (wholeImage + tile) <= options.MemoryLimitBytes,
            $"{plan.ImagesPerPass} images of {wholeImage >> 20} MB with tiles of {plan.TileSize} px ({tile / 1048576:F0} MB each) exceed {limitMegabytes} MB");
        Assert.InRange(plan.TileSize, StylizeOptions.MinimumTileSize, options.TileSize);
        Assert.True(plan.ImagesPerPass == 1 || plan.TileSize >= Math.Max(width, height), "images run together only whole");
    }

    [Fact]
    public void Images_that_fit_whole_run_together_and_a_non_square_one_is_one_tile()
    {
        var options = StylizeOptions.Default with { MemoryLimitBytes = 1L << 30 };
        TilePlan frames = TilePlan.For(8, 128, 96, NetworkBytesPerPixel, options, recolors: false);
        Assert.Equal((8, 128), (frames.ImagesPerPass, frames.TileSize));
        TilePlan wide = TilePlan.For(1, 1600, 100, NetworkBytesPerPixel, options, recolors: false);
        Assert.Equal(1600, wide.TileSize);
    }

    [Fact]
    public void Eight_frames_in_256_MB_run_fewer_at_once_instead_of_in_64_px_tiles()
    {
        var options = StylizeOptions.Default with { MemoryLimitBytes = 256L << 20 };
        TilePlan plan = TilePlan.For(8, 512, 512, NetworkBytesPerPixel, options, recolors: true);
        Assert.True(plan.TileSize > 2 * StylizeOptions.MinimumTileSize, $"tiles of {plan.TileSize} px, {plan.ImagesPerPass} images a pass");
    }
}
