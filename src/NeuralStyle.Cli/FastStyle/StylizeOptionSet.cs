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
    private readonly Option<double?> _palette = DescribedOptions.Create<double?>(StylizeSettingDescriptions.PaletteShare);
    private readonly Option<bool> _keepColors = DescribedOptions.Create<bool>(StylizeSettingDescriptions.PreserveColors);
    private readonly Option<int?> _tileSize = DescribedOptions.Create<int?>(StylizeSettingDescriptions.MaxTileSize);
    private readonly Option<int?> _tileOverlap = DescribedOptions.Create<int?>(StylizeSettingDescriptions.TileOverlap);
    private readonly Option<int?> _size = DescribedOptions.Create<int?>(StylizeSettingDescriptions.Size, "-s");
    private readonly Option<double?> _maxUpscale = DescribedOptions.Create<double?>(StylizeSettingDescriptions.MaxUpscale);
    private readonly Option<int?> _memoryLimit = MemoryLimitOption();
    private readonly Option<string?> _transferTileSize = new("--tile-size") { Hidden = true };

    /// <summary>
    /// The memory limit as the command line and manifests take it, in MiB: the library's description
    /// (<see cref="StylizeSettingDescriptions.MemoryLimit"/>, in bytes) in those units.
    /// </summary>
    public static SettingDescription MemoryLimitInMebibytes { get; } = StylizeSettingDescriptions.MemoryLimit with
    {
        Help = "The most memory one stylisation's tensors may take, in MiB (the API's StylizeOptions.MemoryLimitBytes is in bytes); tiles shrink to fit.",
        Range = new(StylizeOptions.MinimumMemoryLimitBytes >> 20, Whole: true),
    };

    /// <summary>The settings these options set, as the command line describes them (the memory limit in MiB).</summary>
    public static IReadOnlyList<SettingDescription> Descriptions { get; } =
        [.. StylizeSettingDescriptions.All.Select(d => d == StylizeSettingDescriptions.MemoryLimit ? MemoryLimitInMebibytes : d)];

    /// <summary>The options, for a command or a manifest line.</summary>
    public IReadOnlyList<Option> All => [_strength, _palette, _keepColors, _tileSize, _tileOverlap, _size, _maxUpscale, _memoryLimit, _transferTileSize];

    /// <summary>Adds the options to <paramref name="command"/>, with the rule that points a transfer's tile option to this one.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(_transferTileSize) is not null)
            {
                result.AddError($"{_transferTileSize.Name} is a transfer's tile core; a fast network's largest tile, overlap included, is {_tileSize.Name}.");
            }
        });
    }

    /// <summary>The stylise options a parse describes (validated when used).</summary>
    public StylizeOptions Read(ParseResult result) => StylizeOptions.Default with
    {
        Strength = result.GetValue(_strength) ?? StylizeOptions.Default.Strength,
        PaletteShare = result.GetValue(_palette) ?? StylizeOptions.Default.PaletteShare,
        ColorPreservation = result.GetValue(_keepColors) ? ColorPreservation.LuminanceOnly : StylizeOptions.Default.ColorPreservation,
        TileSize = result.GetValue(_tileSize) ?? StylizeOptions.Default.TileSize,
        TileOverlap = result.GetValue(_tileOverlap) ?? StylizeOptions.Default.TileOverlap,
        Size = result.GetValue(_size) ?? StylizeOptions.Default.Size,
        MaxUpscale = result.GetValue(_maxUpscale) ?? StylizeOptions.Default.MaxUpscale,
        MemoryLimitBytes = result.GetValue(_memoryLimit) is int mebibytes ? (long)mebibytes << 20 : StylizeOptions.Default.MemoryLimitBytes,
    };

    /// <summary>The memory limit's option, its range (in MiB) checked while parsing.</summary>
    private static Option<int?> MemoryLimitOption()
    {
        Option<int?> option = DescribedOptions.Create<int?>(MemoryLimitInMebibytes);
        option.CustomParser = Numbers.WholeWithin(option.Name, MemoryLimitInMebibytes);
        return option;
    }
}
