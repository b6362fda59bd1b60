using NeuralStyle.Configuration;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// The settings of <see cref="StylizeOptions"/> a host sets by key, each bound to the property it
/// changes (<see cref="SettingBinding{TSettings}"/>): the command's options and a batch manifest's
/// model lines both go through these. The memory limit is taken in MiB, as hosts write it.
/// </summary>
public static class StylizeSettingBindings
{
    /// <summary>
    /// The memory limit as hosts take it, in MiB: <see cref="StylizeSettingDescriptions.MemoryLimit"/>
    /// (in bytes) in those units, its range checked as the value is read.
    /// </summary>
    public static SettingDescription MemoryLimitInMebibytes { get; } = StylizeSettingDescriptions.MemoryLimit with
    {
        Help = "The most memory one stylisation's tensors may take, in MiB (the API's StylizeOptions.MemoryLimitBytes is in bytes); tiles shrink to fit.",
        Range = new(StylizeOptions.MinimumMemoryLimitBytes >> 20, Whole: true),
    };

    /// <summary><see cref="StylizeSettingDescriptions.Strength"/>.</summary>
    public static SettingBinding<StylizeOptions, double> Strength { get; } = new(StylizeSettingDescriptions.Strength, (o, v) => o with { Strength = v });

    /// <summary><see cref="StylizeSettingDescriptions.PaletteShare"/>.</summary>
    public static SettingBinding<StylizeOptions, double> PaletteShare { get; } = new(StylizeSettingDescriptions.PaletteShare, (o, v) => o with { PaletteShare = v });

    /// <summary><see cref="StylizeSettingDescriptions.PreserveColors"/>: luminance only.</summary>
    public static SettingBinding<StylizeOptions, bool> PreserveColors { get; } =
        SettingBinding<StylizeOptions>.Flag(StylizeSettingDescriptions.PreserveColors, o => o with { ColorPreservation = ColorPreservation.LuminanceOnly });

    /// <summary><see cref="StylizeSettingDescriptions.MaxTileSize"/>.</summary>
    public static SettingBinding<StylizeOptions, int> MaxTileSize { get; } = new(StylizeSettingDescriptions.MaxTileSize, (o, v) => o with { TileSize = v });

    /// <summary><see cref="StylizeSettingDescriptions.TileOverlap"/>.</summary>
    public static SettingBinding<StylizeOptions, int> TileOverlap { get; } = new(StylizeSettingDescriptions.TileOverlap, (o, v) => o with { TileOverlap = v });

    /// <summary><see cref="StylizeSettingDescriptions.Size"/>.</summary>
    public static SettingBinding<StylizeOptions, int> Size { get; } = new(StylizeSettingDescriptions.Size, (o, v) => o with { Size = v });

    /// <summary><see cref="StylizeSettingDescriptions.MaxUpscale"/>.</summary>
    public static SettingBinding<StylizeOptions, double> MaxUpscale { get; } = new(StylizeSettingDescriptions.MaxUpscale, (o, v) => o with { MaxUpscale = v });

    /// <summary><see cref="MemoryLimitInMebibytes"/>: <see cref="StylizeOptions.MemoryLimitBytes"/> in MiB.</summary>
    public static SettingBinding<StylizeOptions, int> MemoryLimit { get; } =
        new(MemoryLimitInMebibytes, (o, mebibytes) => o with { MemoryLimitBytes = (long)mebibytes << 20 }) { RangeCheckedOnRead = true };

    /// <summary>
    /// What a host says of a transfer's key given to a fast network's stylise where the setting it
    /// means has another key: <c>tile-size</c> (a transfer's tile core) for <see cref="MaxTileSize"/>
    /// (a fast network's whole tile); null for any other key.
    /// </summary>
    /// <param name="key">The key given.</param>
    /// <param name="nameOf">A key as the host writes it, e.g. <c>--tile-size</c> or <c>"tile-size"</c>.</param>
    public static string? TransferKeyProblem(string key, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        return key == SettingDescriptions.TileSize.Key
            ? $"{nameOf(key)} is a transfer's tile core; a fast network's largest tile, overlap included, is {nameOf(MaxTileSize.Description.Key)}."
            : null;
    }

    /// <summary>Every binding, in the order of <see cref="StylizeSettingDescriptions.All"/>.</summary>
    public static IReadOnlyList<SettingBinding<StylizeOptions>> All { get; } = [Strength, PaletteShare, PreserveColors, MaxTileSize, TileOverlap, Size, MaxUpscale, MemoryLimit];
}
