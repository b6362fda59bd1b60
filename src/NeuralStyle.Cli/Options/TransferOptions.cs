using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// <c>--preset</c> and every option that changes a library setting, each made from the library's
/// binding of the setting (<see cref="TransferSettingBindings"/>: its description, how its value is
/// read and applied), with the library's rules between them. Defaults, limits and presets come from
/// the library, and <c>Build()</c> validates what is given.
/// </summary>
internal sealed class TransferOptions
{
    private readonly Option<StylePreset> _preset = PresetOption();

    public TransferOptions()
    {
        All = [.. TransferSettingBindings.All.Select(Option)];
    }

    /// <summary>Every option bound to a setting, in the order they are applied.</summary>
    public IReadOnlyList<SettingOption<StyleTransferSettings>> All { get; }

    /// <summary>Adds <c>--preset</c> and the options to <paramref name="command"/>, with the rules between them.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_preset);
        foreach (SettingOption<StyleTransferSettings> option in All)
        {
            command.Options.Add(option.Option);
        }

        command.Validators.Add(result =>
        {
            foreach (string conflict in TransferSettingBindings.Conflicts(b => All.Single(o => o.Binding == b).IsSet(result), DescribedOptions.NameOf))
            {
                result.AddError(conflict);
            }
        });
    }

    /// <summary>The preset's settings with every given option applied.</summary>
    public StyleTransferSettings Resolve(ParseResult result) =>
        All.Aggregate((result.GetValue(_preset) ?? StylePreset.Default).Settings, (settings, option) => option.ApplyTo(settings, result));

    /// <summary>The option of <paramref name="binding"/>; <c>-s</c> and <c>-n</c> for the size and the iterations.</summary>
    private static SettingOption<StyleTransferSettings> Option(SettingBinding<StyleTransferSettings> binding) =>
        SettingOption<StyleTransferSettings>.For(binding, binding == TransferSettingBindings.Size ? ["-s"] : binding == TransferSettingBindings.Evaluations ? ["-n"] : []);

    /// <summary><c>--preset</c>, from its description; a name <see cref="StylePreset.TryParse"/> does not know is refused while parsing.</summary>
    private static Option<StylePreset> PresetOption()
    {
        Option<StylePreset> option = DescribedOptions.Create<StylePreset>(SettingDescriptions.Preset);
        option.HelpName = string.Join('|', StylePreset.All.Select(p => p.Aliases[0]));
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (StylePreset.TryParse(text, out StylePreset? preset))
            {
                return preset;
            }

            result.AddError($"Unknown preset '{text.Trim()}': use {SettingDescriptions.Preset.Values}.");
            return StylePreset.Default;
        };
        return option;
    }
}
