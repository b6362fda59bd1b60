using NeuralStyle.Configuration;
using NeuralStyle.Imaging;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>How <see cref="Model.FastStyleModel"/> stylises an image.</summary>
public sealed record StylizeOptions
{
    /// <summary>The smallest tile side: the transfer's own (<see cref="TilingSettings.MinimumTileSize"/>), written once there.</summary>
    public const int MinimumTileSize = TilingSettings.MinimumTileSize;

    /// <summary>The smallest <see cref="MemoryLimitBytes"/>.</summary>
    public const long MinimumMemoryLimitBytes = 64L << 20;

    /// <summary>The defaults: full strength, colours three quarters of the way to the style's palette, whole images up to 2048 px a side.</summary>
    public static StylizeOptions Default { get; } = new();

    /// <summary>How much of the stylised result is kept (the network's output moved to the palette by <see cref="PaletteShare"/>): 1 (the default) is that result, 0 the photo; in between blends linearly in RGB.</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// How far the network's colours move to its style's palette (the mean and covariance of the
    /// painting's colours, recorded in the model when it is trained): 0 keeps the network's own
    /// colours, 1 gives each result the painting's colour mean and covariance; the default 0.75
    /// gives results the painting's palette and contrast while keeping more of the photo's shading.
    /// Applied before <see cref="Strength"/> and <see cref="ColorPreservation"/> (with
    /// <see cref="ColorPreservation.LuminanceOnly"/> only its change of tonal range remains); models
    /// without a recorded palette (written before it was recorded) ignore it.
    /// </summary>
    public double PaletteShare { get; init; } = 0.75;

    /// <summary>
    /// Keep the photo's colours: <see cref="ColorPreservation.LuminanceOnly"/> keeps the output's
    /// luminance and the photo's chroma. <see cref="ColorPreservation.ColorMatching"/> recolours the
    /// style before training, so it is a training-time choice and is refused here.
    /// </summary>
    public ColorPreservation ColorPreservation { get; init; } = ColorPreservation.None;

    /// <summary>
    /// The largest tile: images with a side above this run in overlapping tiles (default 2048); tiles
    /// are smaller when <see cref="MemoryLimitBytes"/> requires. Every tile is normalised with the
    /// whole image's statistics, pooled from a first pass over the tiles (a tiled image takes twice
    /// the time); the overlap blends the tiles.
    /// </summary>
    public int TileSize { get; init; } = 2048;

    /// <summary>
    /// The most memory one call may take, in bytes: tiles are sized to fit it from the model's
    /// measured need per pixel, and an image whose own buffers would not fit is refused with
    /// <see cref="InsufficientMemoryException"/> before any work. Null (the default) is half the
    /// memory available to the process (a container's limit included), so a large photo runs in few,
    /// large tiles where memory allows (smaller tiles, each normalised on its own, shift the texture
    /// slightly); a service sets a fixed limit. Decoding is bounded separately, by <see cref="ImageLoadOptions"/>.
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The limit in force: <see cref="MemoryLimitBytes"/>, or half the memory available to the process.</summary>
    internal long EffectiveMemoryLimitBytes => MemoryLimitBytes ?? Math.Max(MinimumMemoryLimitBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>
    /// The most a photo is enlarged to reach <see cref="Size"/>: 1 (the default) never enlarges, so a
    /// photo smaller than <see cref="Size"/> is stylised at its own size; 2 allows doubling.
    /// </summary>
    public double MaxUpscale { get; init; } = 1;

    /// <summary>The overlap between neighbouring tiles, blended linearly (default 128; at most half a tile is used).</summary>
    public int TileOverlap { get; init; } = 128;

    /// <summary>
    /// Resize each photo so its longest side is this many pixels before stylising (the result has
    /// that size), enlarging a smaller photo at most <see cref="MaxUpscale"/> times (by default not at
    /// all); null (the default) stylises the photo at its own size.
    /// </summary>
    public int? Size { get; init; }

    /// <summary><paramref name="image"/> at <see cref="Size"/> (enlarged at most <see cref="MaxUpscale"/> times), or null when it already is (or no size is asked).</summary>
    internal TransferImage? Resized(TransferImage image)
    {
        if (Size is not int asked)
        {
            return null;
        }

        int longest = Math.Max(image.Width, image.Height);
        int side = (int)Math.Min(asked, Math.Floor(longest * MaxUpscale));
        return side != longest ? image.Resize(OutputSize.LongestSide(side)) : null;
    }

    /// <summary>Checks the options ahead of use (at a service's start-up, say); stylising checks them again on every call.</summary>
    /// <exception cref="Transfer.StyleTransferConfigurationException">Every problem, each naming its <see cref="Setting"/> and how to fix it.</exception>
    public void EnsureValid()
    {
        var problems = new ProblemList();
        Validate(problems);
        problems.ThrowIfAny();
    }

    internal void Validate(ProblemList problems)
    {
        if (Size is int size)
        {
            StylizeSettingDescriptions.Size.Check(problems, size);
        }

        StylizeSettingDescriptions.Strength.Check(problems, Strength);
        StylizeSettingDescriptions.PaletteShare.Check(problems, PaletteShare);
        problems.Require(
            ColorPreservation is ColorPreservation.None or ColorPreservation.LuminanceOnly,
            Setting.ColorPreservation,
            $"A fast style network cannot apply {ColorPreservation}: it recolours the style, which is fixed when the network is trained.",
            "Use LuminanceOnly to keep the photo's colours, or None.");
        if (MemoryLimitBytes is long limit)
        {
            StylizeSettingDescriptions.MemoryLimit.Check(problems, limit);
        }

        StylizeSettingDescriptions.MaxUpscale.Check(problems, MaxUpscale);
        StylizeSettingDescriptions.MaxTileSize.Check(problems, TileSize);
        StylizeSettingDescriptions.TileOverlap.Check(problems, TileOverlap);
    }
}
