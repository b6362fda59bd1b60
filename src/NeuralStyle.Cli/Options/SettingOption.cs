using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// One command-line option bound to the library setting it changes: made from the setting's
/// <see cref="SettingDescription"/> (name, help, default), applied only when given on the command
/// line (so a preset's own value stays otherwise). The library validates the value at <c>Build()</c>;
/// its problems name <see cref="Setting"/>, which maps back to this option for the message.
/// </summary>
internal abstract class SettingOption
{
    /// <summary>The System.CommandLine option.</summary>
    public abstract Option Option { get; }

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

    /// <summary>Binds the option of <paramref name="description"/> to its setting.</summary>
    /// <param name="description">The setting's description (name, aliases, help, default).</param>
    /// <param name="apply">The settings with the option's value applied.</param>
    /// <param name="shortNames">Short command-line names, e.g. <c>-s</c>.</param>
    public SettingOption(SettingDescription description, Func<StyleTransferSettings, T, StyleTransferSettings> apply, params string[] shortNames)
    {
        _option = DescribedOptions.Create<T>(description, shortNames);
        _apply = apply;
    }

    /// <inheritdoc />
    public override Option Option => _option;

    /// <summary>The typed option, for command-line validators.</summary>
    public Option<T> Typed => _option;

    /// <inheritdoc />
    public override StyleTransferSettings ApplyTo(StyleTransferSettings settings, ParseResult result) =>
        IsGiven(result.RootCommandResult) && result.GetValue(_option) is T value && (value is not bool flag || flag) ? _apply(settings, value) : settings;
}
