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
    private readonly Option<StylePreset> _preset = new("--preset")
    {
        Description = "Starting settings: " + string.Join("; ", StylePreset.All.Select(p => $"{p.Aliases[0]} ({p.Summary})")) + ". The options below change them.",
        HelpName = string.Join('|', StylePreset.All.Select(p => p.Aliases[0])),
        CustomParser = ParsePreset,
        DefaultValueFactory = _ => StylePreset.Default,
    };

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
        All.Aggregate(result.GetRequiredValue(_preset).Settings, (settings, option) => option.ApplyTo(settings, result));

    /// <summary>The option of <paramref name="binding"/>; <c>-s</c> and <c>-n</c> for the size and the iterations.</summary>
    private static SettingOption<StyleTransferSettings> Option(SettingBinding<StyleTransferSettings> binding) =>
        SettingOption<StyleTransferSettings>.For(binding, binding == TransferSettingBindings.Size ? ["-s"] : binding == TransferSettingBindings.Evaluations ? ["-n"] : []);

    private static StylePreset ParsePreset(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (StylePreset.TryParse(text, out StylePreset? preset))
        {
            return preset;
        }

        result.AddError(StylePreset.Unknown(text));
        return StylePreset.Default;
    }
}
