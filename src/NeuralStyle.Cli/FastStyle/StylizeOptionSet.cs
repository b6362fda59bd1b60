using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The options that make a <see cref="StylizeOptions"/>, each from the library's binding of its
/// setting (<see cref="StylizeSettingBindings"/>): used by <c>apply</c>.
/// </summary>
internal sealed class StylizeOptionSet
{
    private readonly IReadOnlyList<SettingOption<StylizeOptions>> _options =
        [.. StylizeSettingBindings.All.Select(b => SettingOption<StylizeOptions>.For(b, b == StylizeSettingBindings.Size ? ["-s"] : []))];

    private readonly Option<string?> _transferTileSize = new(DescribedOptions.NameOf(SettingDescriptions.TileSize)) { Hidden = true };

    /// <summary>The settings these options set, as the command line describes them (the memory limit in MiB).</summary>
    public static IReadOnlyList<SettingDescription> Descriptions { get; } = [.. StylizeSettingBindings.All.Select(b => b.Description)];

    /// <summary>Adds the options to <paramref name="command"/>, with the rule that points a transfer's tile option to this one.</summary>
    public void AddTo(Command command)
    {
        foreach (SettingOption<StylizeOptions> option in _options)
        {
            command.Options.Add(option.Option);
        }

        command.Options.Add(_transferTileSize);
        command.Validators.Add(result =>
        {
            if (result.GetResult(_transferTileSize) is not null)
            {
                result.AddError(StylizeSettingBindings.TransferKeyProblem(SettingDescriptions.TileSize.Key, key => "--" + key)!);
            }
        });
    }

    /// <summary>The stylise options a parse describes (validated when used).</summary>
    public StylizeOptions Read(ParseResult result) => _options.Aggregate(StylizeOptions.Default, (options, option) => option.ApplyTo(options, result));
}
