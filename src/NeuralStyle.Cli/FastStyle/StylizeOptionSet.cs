using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The options that make a <see cref="StylizeOptions"/>, each from its description
/// (<see cref="StylizeSettingDescriptions"/>): used by <c>apply</c> and by <c>batch</c> manifest lines with a model.
/// </summary>
internal sealed class StylizeOptionSet
{
    private readonly Option<double?> _strength = DescribedOptions.Create<double?>(StylizeSettingDescriptions.Strength);
    private readonly Option<bool> _keepColors = DescribedOptions.Create<bool>(StylizeSettingDescriptions.PreserveColors);
    private readonly Option<int?> _tileSize = DescribedOptions.Create<int?>(StylizeSettingDescriptions.MaxTileSize);
    private readonly Option<int?> _tileOverlap = DescribedOptions.Create<int?>(StylizeSettingDescriptions.TileOverlap);
    private readonly Option<int?> _size = DescribedOptions.Create<int?>(StylizeSettingDescriptions.Size, "-s");
    private readonly Option<double?> _maxUpscale = DescribedOptions.Create<double?>(StylizeSettingDescriptions.MaxUpscale);
    private readonly Option<int?> _memoryLimit = MemoryLimitOption();

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

    /// <summary>The memory limit, which the command line takes in MiB (the library in bytes).</summary>
    private static Option<int?> MemoryLimitOption()
    {
        Option<int?> option = DescribedOptions.Create<int?>(StylizeSettingDescriptions.MemoryLimit);
        option.HelpName = "MIB";
        return option;
    }
}
