namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// How a stylisation fits its memory limit (<see cref="StylizeOptions.MemoryLimitBytes"/>): the whole-image buffers
/// (input, blended output, blend weights, the conversion back to an image; the palette, the strength
/// blend and colour keeping add theirs) take <see cref="WholeImageBytesPerPixel"/> per pixel of each image, and
/// the network's pass over a tile
/// takes the model's measured bytes per pixel; the tile is the largest square that fits in what is left.
/// Several images run in one pass only when each fits whole; otherwise they run one at a time, in larger tiles.
/// </summary>
/// <param name="TileSize">The tile side (the whole image when it fits).</param>
/// <param name="TileOverlap">The overlap between tiles, at most half the tile.</param>
/// <param name="ImagesPerPass">How many images of one size run together.</param>
internal readonly record struct TilePlan(int TileSize, int TileOverlap, int ImagesPerPass)
{
    /// <summary>
    /// Bytes per pixel of the whole-image memory a stylisation holds at its peak, the conversion back
    /// to an image: float RGB input and blended output (12 each), blend weights (4), the conversion's
    /// own tensors (18), and the photo, the result image and the bytes between them (10).
    /// </summary>
    private const long BaseBytesPerPixel = 56;

    /// <summary>What a strength below 1 adds (the blend with the photo), and what keeping the photo's colours adds (its YCbCr conversions).</summary>
    private const long BlendBytesPerPixel = 12, ChromaBytesPerPixel = 36;

    /// <summary>What moving the colours to the model's palette adds: the recoloured image (its bands' scratch is a few MB, within the scratch headroom).</summary>
    private const long PaletteBytesPerPixel = 12;

    /// <summary>Headroom over the network's measured tensors for what its kernels allocate inside one operation (instance normalisation's copies, convolution scratch): the peak resident growth of a tiled run was 2.2 times the tensors it held.</summary>
    internal const double ScratchFactor = 2.5;

    /// <summary>The plan for <paramref name="images"/> images of <paramref name="width"/> x <paramref name="height"/>; <paramref name="recolors"/> when the results move to the model's palette.</summary>
    /// <exception cref="InsufficientMemoryException">Even one image at the smallest tile needs more than the limit; the message says how much and what to change.</exception>
    public static TilePlan For(int images, long width, long height, double networkBytesPerPixel, StylizeOptions options, bool recolors)
    {
        long limit = options.EffectiveMemoryLimitBytes;
        long wholeImage = width * height * WholeImageBytesPerPixel(options, recolors);
        double perTilePixel = networkBytesPerPixel * ScratchFactor;
        long smallestTile = (long)(StylizeOptions.MinimumTileSize * StylizeOptions.MinimumTileSize * perTilePixel);
        if (wholeImage + smallestTile > limit)
        {
            string need = FormattableString.Invariant(
                $"Stylising a {width}x{height} image needs at least {Megabytes(wholeImage + smallestTile)} MB ({Megabytes(wholeImage)} MB for the image's own buffers), more than the memory limit of {Megabytes(limit)} MB.");
            throw new InsufficientMemoryException(need + " Stylise it smaller (StylizeOptions.Size), or raise StylizeOptions.MemoryLimitBytes.");
        }

        // Images run together only whole: each has its own buffers and its network pass in flight, and
        // batching tiles would shrink every tile (more overlap computed twice) for no gain.
        bool wholeFitsATile = width <= options.TileSize && height <= options.TileSize;
        long wholePass = wholeImage + (long)(width * height * perTilePixel);
        int perPass = wholeFitsATile ? (int)Math.Clamp(limit / wholePass, 1, Math.Max(images, 1)) : 1;
        double tilePixels = (limit - (perPass * wholeImage)) / (perPass * perTilePixel);
        int side = wholeFitsATile && width * height <= tilePixels
            ? (int)Math.Max(width, height)
            : (int)Math.Clamp(Math.Floor(Math.Sqrt(tilePixels)), StylizeOptions.MinimumTileSize, options.TileSize);
        return new TilePlan(side, Math.Min(options.TileOverlap, side / 2), perPass);
    }

    /// <summary>Bytes per pixel of one image's whole-image tensors under <paramref name="options"/>.</summary>
    public static long WholeImageBytesPerPixel(StylizeOptions options, bool recolors) =>
        BaseBytesPerPixel
        + (recolors ? PaletteBytesPerPixel : 0)
        + (options.Strength < 1 ? BlendBytesPerPixel : 0)
        + (options.ColorPreservation == Configuration.ColorPreservation.LuminanceOnly ? ChromaBytesPerPixel : 0);

    private static long Megabytes(long bytes) => (bytes + (1 << 20) - 1) >> 20;
}
