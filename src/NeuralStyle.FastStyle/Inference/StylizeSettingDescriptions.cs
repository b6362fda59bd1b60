using NeuralStyle.Configuration;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// <see cref="StylizeOptions"/>' settings, each described once (<see cref="SettingDescription"/>):
/// hosts build the <c>apply</c> command's options, a manifest's model-line keys and the service's
/// configuration messages from these, and <see cref="StylizeOptions.EnsureValid"/> checks them.
/// </summary>
public static class StylizeSettingDescriptions
{
    private static StylizeOptions Defaults => StylizeOptions.Default;

    /// <summary><see cref="StylizeOptions.Strength"/>: the same key and meaning as the transfer's strength (0 is the photo, 1 the most style).</summary>
    public static SettingDescription Strength { get; } = new()
    {
        Setting = StylizeSetting.Strength,
        Key = SettingDescriptions.StyleStrength.Key,
        Name = "StylizeOptions.Strength",
        Help = "How much style: 0 is the photo, 1 the stylised result (the network's output moved to the palette; blended over the photo in RGB).",
        Default = SettingDescriptions.Text(Defaults.Strength),
        Range = SettingDescriptions.StyleStrength.Range,
        Fix = "Use 1 for the trained style as it is.",
    };

    /// <summary><see cref="StylizeOptions.PaletteShare"/>.</summary>
    public static SettingDescription PaletteShare { get; } = new()
    {
        Setting = StylizeSetting.PaletteShare,
        Key = "palette",
        Name = "StylizeOptions.PaletteShare",
        Help = "How far the result's colours move to the painting's palette recorded in the model: 0 keeps the network's colours, 1 gives the painting's colour mean and covariance.",
        Default = SettingDescriptions.Text(Defaults.PaletteShare),
        Range = SettingDescriptions.StyleStrength.Range,
        Fix = "Use 0 for the network's own colours.",
    };

    /// <summary><see cref="StylizeOptions.TileSize"/>: the largest tile, overlap included (not the transfer's tile core, so another key).</summary>
    public static SettingDescription MaxTileSize { get; } = new()
    {
        Setting = StylizeSetting.TileSize,
        Key = "max-tile-size",
        Name = "StylizeOptions.TileSize",
        Help = "The largest tile, overlap included: images with a side above this run in overlapping tiles, smaller when the memory limit requires.",
        Default = SettingDescriptions.Text(Defaults.TileSize),
        Range = new(StylizeOptions.MinimumTileSize, Whole: true),
        Fix = $"The default is {SettingDescriptions.Text(Defaults.TileSize)}; a tile narrower than twice the overlap blends over half its side.",
    };

    /// <summary><see cref="StylizeOptions.TileOverlap"/>.</summary>
    public static SettingDescription TileOverlap { get; } = new()
    {
        Setting = StylizeSetting.TileOverlap,
        Key = "tile-overlap",
        Name = "StylizeOptions.TileOverlap",
        Help = "Pixels neighbouring tiles share, cross-faded (at most half a tile is used).",
        Default = SettingDescriptions.Text(Defaults.TileOverlap),
        Range = new(0, Whole: true),
        Fix = "Use 0 for tiles that only touch.",
    };

    /// <summary><see cref="StylizeOptions.Size"/>: the same key and meaning as the transfer's size.</summary>
    public static SettingDescription Size { get; } = SettingDescriptions.Size with
    {
        Setting = StylizeSetting.Size,
        Name = "StylizeOptions.Size",
        Help = "Longest side of the result in pixels: each photo is resized to it first (enlarged at most max-upscale times).",
        Default = "the photo's own size",
        Fix = "Leave it unset to stylise each photo at its own size.",
    };

    /// <summary><see cref="StylizeOptions.MaxUpscale"/>.</summary>
    public static SettingDescription MaxUpscale { get; } = new()
    {
        Setting = StylizeSetting.MaxUpscale,
        Key = "max-upscale",
        Name = "StylizeOptions.MaxUpscale",
        Help = "The most size may enlarge a photo: 1 never enlarges, 2 allows doubling.",
        Default = SettingDescriptions.Text(Defaults.MaxUpscale),
        Range = new(1, 16),
        Fix = "Use 1 to stylise small photos at their own size.",
    };

    /// <summary><see cref="StylizeOptions.MemoryLimitBytes"/>, in bytes (the command line takes MiB).</summary>
    public static SettingDescription MemoryLimit { get; } = new()
    {
        Setting = StylizeSetting.MemoryLimit,
        Key = "memory-limit",
        Name = "StylizeOptions.MemoryLimitBytes",
        Help = "The most memory one stylisation's tensors may take, in bytes; tiles shrink to fit.",
        Default = "half the available memory",
        Range = new(StylizeOptions.MinimumMemoryLimitBytes, Whole: true),
        Fix = "Leave it unset for half the available memory; tiles shrink to fit the limit.",
    };

    /// <summary><see cref="StylizeOptions.ColorPreservation"/>: the same key and meaning as the transfer's (keep the photo's colours).</summary>
    public static SettingDescription PreserveColors { get; } = SettingDescriptions.PreserveColors with { Name = "StylizeOptions.ColorPreservation" };

    /// <summary>Every setting of <see cref="StylizeOptions"/>, in the order the command line lists them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } =
        [Strength, PaletteShare, PreserveColors, MaxTileSize, TileOverlap, Size, MaxUpscale, MemoryLimit];
}
