using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// One command-line option bound to the library setting it changes: declared once, its help
/// showing the library's default, applied only when given on the command line (so a preset's own
/// value stays otherwise). The library validates the value at <c>Build()</c>; its problems name
/// <see cref="Setting"/>, which maps back to this option for the message.
/// </summary>
internal abstract class SettingOption
{
    protected SettingOption(Setting? setting) => Setting = setting;

    /// <summary>The System.CommandLine option.</summary>
    public abstract Option Option { get; }

    /// <summary>Where the library reports a problem with this option's value; null when it cannot have one.</summary>
    public Setting? Setting { get; }

    /// <summary>Whether the option was given on the command line (not merely defaulted).</summary>
    public bool IsGiven(SymbolResult result) => result.GetResult(Option) is { Implicit: false };

    /// <summary><paramref name="settings"/> with this option's value applied, or unchanged when it was not given.</summary>
    public abstract StyleTransferSettings ApplyTo(StyleTransferSettings settings, ParseResult result);
}

/// <summary>A <see cref="SettingOption"/> whose value is a <typeparamref name="T"/>.</summary>
internal sealed class SettingOption<T> : SettingOption
{
    private readonly Option<T> _option;
    private readonly Func<StyleTransferSettings, T, StyleTransferSettings> _apply;

    /// <summary>Binds <paramref name="option"/> to a setting.</summary>
    /// <param name="option">The option (name, aliases, description, parser).</param>
    /// <param name="setting">The setting the library reports its problems under.</param>
    /// <param name="libraryDefault">Reads the default shown in help from the library's default settings; null shows none.</param>
    /// <param name="apply">The settings with the option's value applied.</param>
    public SettingOption(Option<T> option, Setting? setting, Func<StyleTransferSettings, T>? libraryDefault, Func<StyleTransferSettings, T, StyleTransferSettings> apply)
        : base(setting)
    {
        _option = option;
        _apply = apply;
        if (libraryDefault is not null && typeof(T).IsEnum)
        {
            // Shown in the command line's own (kebab-case) names; applied only when given anyway.
            option.Description += $" [default: {Choices.Kebab(libraryDefault(StyleTransferSettings.Default)!.ToString()!)}]";
        }
        else if (libraryDefault is not null)
        {
            option.DefaultValueFactory = _ => libraryDefault(StyleTransferSettings.Default);
        }
    }

    /// <inheritdoc />
    public override Option Option => _option;

    /// <summary>The typed option, for command-line validators.</summary>
    public Option<T> Typed => _option;

    /// <inheritdoc />
    public override StyleTransferSettings ApplyTo(StyleTransferSettings settings, ParseResult result) =>
        IsGiven(result.RootCommandResult) && result.GetValue(_option) is T value && (value is not bool flag || flag) ? _apply(settings, value) : settings;
}
