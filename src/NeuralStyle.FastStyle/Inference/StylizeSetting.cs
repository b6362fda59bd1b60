using NeuralStyle.Configuration;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// The options of a fast network's stylisation (<see cref="StylizeOptions"/>), where a
/// <see cref="ConfigurationProblem"/> of their check lies (besides <see cref="Setting.ColorPreservation"/>, which a
/// transfer shares).
/// </summary>
public static class StylizeSetting
{
    /// <summary>How strongly the network's output is blended over the photo (<see cref="StylizeOptions.Strength"/>).</summary>
    public static Setting Strength { get; } = new("Stylize.Strength");

    /// <summary>How far the result moves to the style's palette (<see cref="StylizeOptions.PaletteShare"/>).</summary>
    public static Setting PaletteShare { get; } = new("Stylize.PaletteShare");

    /// <summary>How an image too large to run whole is tiled (<see cref="StylizeOptions.TileSize"/>).</summary>
    public static Setting TileSize { get; } = new("Stylize.TileSize");

    /// <summary>The overlap of the tiles (<see cref="StylizeOptions.TileOverlap"/>).</summary>
    public static Setting TileOverlap { get; } = new("Stylize.TileOverlap");

    /// <summary>The size the photo is stylised at (<see cref="StylizeOptions.Size"/>).</summary>
    public static Setting Size { get; } = new("Stylize.Size");

    /// <summary>How much a photo may be enlarged (<see cref="StylizeOptions.MaxUpscale"/>).</summary>
    public static Setting MaxUpscale { get; } = new("Stylize.MaxUpscale");

    /// <summary>The memory limit of one call (<see cref="StylizeOptions.MemoryLimitBytes"/>).</summary>
    public static Setting MemoryLimit { get; } = new("Stylize.MemoryLimit");
}
