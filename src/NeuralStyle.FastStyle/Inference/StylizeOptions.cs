using NeuralStyle.Configuration;
using NeuralStyle.Imaging;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>How <see cref="Model.FastStyleModel"/> stylises an image.</summary>
public sealed record StylizeOptions
{
    /// <summary>The smallest tile side.</summary>
    public const int MinimumTileSize = 64;

    /// <summary>The defaults: full strength, the style's colours, whole images up to 2048 px a side.</summary>
    public static StylizeOptions Default { get; } = new();

    /// <summary>How much of the network's output is kept: 1 (the default) is the output, 0 the photo; in between blends linearly in RGB.</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// Keep the photo's colours: <see cref="ColorPreservation.LuminanceOnly"/> keeps the output's
    /// luminance and the photo's chroma. <see cref="ColorPreservation.ColorMatching"/> recolours the
    /// style before training, so it is a training-time choice and is refused here.
    /// </summary>
    public ColorPreservation ColorPreservation { get; init; } = ColorPreservation.None;

    /// <summary>
    /// Images with a side above this run in overlapping tiles of this side (bounded memory); smaller
    /// images run whole (default 2048). Instance normalisation sees each tile's statistics, so tiles
    /// can differ slightly in tone; the overlap blends them.
    /// </summary>
    public int TileSize { get; init; } = 2048;

    /// <summary>The overlap between neighbouring tiles, blended linearly (default 128).</summary>
    public int TileOverlap { get; init; } = 128;

    /// <summary>
    /// Resize each photo so its longest side is this many pixels before stylising (the result has
    /// that size); null (the default) stylises the photo at its own size.
    /// </summary>
    public int? Size { get; init; }

    /// <summary><paramref name="image"/> at <see cref="Size"/>, or null when it already is (or no size is asked).</summary>
    internal TransferImage? Resized(TransferImage image) =>
        Size is int side && Math.Max(image.Width, image.Height) != side ? image.Resize(OutputSize.LongestSide(side)) : null;

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
        problems.Require(
            Size is null or (>= ImageSettings.MinimumSize and <= ImageSettings.MaximumSize),
            Setting.StylizeSize,
            $"Size must be between {ImageSettings.MinimumSize} and {ImageSettings.MaximumSize} px (got {Size}).",
            "Leave it null to stylise each photo at its own size.");
        problems.Require(
            Strength is >= 0 and <= 1,
            Setting.StylizeStrength,
            FormattableString.Invariant($"Strength must be between 0 (the photo) and 1 (the network's output) (got {Strength})."),
            "Use 1 for the trained style as it is.");
        problems.Require(
            ColorPreservation is ColorPreservation.None or ColorPreservation.LuminanceOnly,
            Setting.ColorPreservation,
            $"A fast style network cannot apply {ColorPreservation}: it recolours the style, which is fixed when the network is trained.",
            "Use LuminanceOnly to keep the photo's colours, or None.");
        problems.Require(
            TileSize >= MinimumTileSize && TileOverlap >= 0 && TileOverlap <= TileSize / 2,
            Setting.StylizeTiling,
            $"TileSize must be at least {MinimumTileSize} and TileOverlap between 0 and half of it (got {TileSize} and {TileOverlap}).",
            $"The defaults are {Default.TileSize} and {Default.TileOverlap}.");
    }
}
