using System.CommandLine;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The options that make a <see cref="StylizeOptions"/> (declared once, defaults read from
/// <see cref="StylizeOptions.Default"/>): used by <c>apply</c> and by <c>batch</c> manifest lines with a model.
/// </summary>
internal sealed class StylizeOptionSet
{
    private readonly Option<double?> _strength = new("--strength") { Description = FormattableString.Invariant($"Blend of the output over the photo, 0 to 1. [default: {StylizeOptions.Default.Strength}]") };
    private readonly Option<bool> _keepColors = new("--preserve-colors") { Description = "Keep the photo's colours (the output's luminance only)." };
    private readonly Option<int?> _tileSize = new("--tile-size")
    {
        Description = $"The largest tile: images with a side above this run in overlapping tiles, smaller when --memory-limit requires; at least {StylizeOptions.MinimumTileSize}. [default: {StylizeOptions.Default.TileSize}]",
    };

    private readonly Option<int?> _tileOverlap = new("--tile-overlap")
    {
        Description = $"Pixels neighbouring tiles share, cross-faded (at most half a tile is used). [default: {StylizeOptions.Default.TileOverlap}]",
    };

    private readonly Option<int?> _size = new("--size", "-s") { Description = "Resize each photo to this longest side first (enlarged at most --max-upscale times). [default: the photo's own size]" };

    private readonly Option<double?> _maxUpscale = new("--max-upscale")
    {
        Description = FormattableString.Invariant($"The most --size may enlarge a photo: 1 never enlarges, 2 allows doubling. [default: {StylizeOptions.Default.MaxUpscale}]"),
    };

    private readonly Option<int?> _memoryLimit = new("--memory-limit")
    {
        Description = $"The most memory one stylisation's tensors may take, in MiB; tiles shrink to fit. [default: half the available memory]",
        HelpName = "MIB",
    };

    /// <summary>The options, for a command or a manifest line.</summary>
    public IReadOnlyList<Option> All => [_strength, _keepColors, _tileSize, _tileOverlap, _size, _maxUpscale, _memoryLimit];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The stylise options a parse describes (validated when used).</summary>
    public StylizeOptions Read(ParseResult result) => StylizeOptions.Default with
    {
        Strength = result.GetValue(_strength) ?? StylizeOptions.Default.Strength,
        ColorPreservation = result.GetValue(_keepColors) ? ColorPreservation.LuminanceOnly : StylizeOptions.Default.ColorPreservation,
        TileSize = result.GetValue(_tileSize) ?? StylizeOptions.Default.TileSize,
        TileOverlap = result.GetValue(_tileOverlap) ?? StylizeOptions.Default.TileOverlap,
        Size = result.GetValue(_size) ?? StylizeOptions.Default.Size,
        MaxUpscale = result.GetValue(_maxUpscale) ?? StylizeOptions.Default.MaxUpscale,
        MemoryLimitBytes = result.GetValue(_memoryLimit) is int mebibytes ? (long)mebibytes << 20 : StylizeOptions.Default.MemoryLimitBytes,
    };
}
