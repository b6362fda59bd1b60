using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// One command-line option bound to the library setting it changes, through the library's
/// <see cref="SettingBinding{TSettings}"/>: made from the setting's description (name, help,
/// default), read as the binding reads text, applied only when given (so a preset's own value
/// stays otherwise). The library validates the value at <c>Build()</c>; its problems name the
/// setting, which maps back to this option for the message.
/// </summary>
/// <typeparam name="TSettings">The settings the option changes.</typeparam>
internal abstract class SettingOption<TSettings>
{
    /// <summary>The System.CommandLine option.</summary>
    public abstract Option Option { get; }

    /// <summary>The option of <paramref name="binding"/>, typed by its value (<see cref="SettingBinding{TSettings}.ValueType"/>).</summary>
    /// <param name="binding">The library's binding.</param>
    /// <param name="shortNames">Short command-line names, e.g. <c>-s</c>.</param>
    public static SettingOption<TSettings> For(SettingBinding<TSettings> binding, params string[] shortNames) =>
        (SettingOption<TSettings>)Activator.CreateInstance(typeof(SettingOption<,>).MakeGenericType(typeof(TSettings), binding.ValueType), binding, shortNames)!;

    /// <summary>The library's binding of the setting.</summary>
    public abstract SettingBinding<TSettings> Binding { get; }

    /// <summary>Whether the option was given on the command line (not merely defaulted).</summary>
    public bool IsGiven(SymbolResult result) => result.GetResult(Option) is { Implicit: false };

    /// <summary>Whether the option was given with a value that changes the settings (a flag: on); safe in a command's validators.</summary>
    public abstract bool IsSet(SymbolResult result);

    /// <summary><paramref name="settings"/> with this option's value applied, or unchanged when it was not given.</summary>
    public abstract TSettings ApplyTo(TSettings settings, ParseResult result);
}

/// <summary>A <see cref="SettingOption{TSettings}"/> whose value is a <typeparamref name="T"/>.</summary>
/// <typeparam name="TSettings">The settings the option changes.</typeparam>
/// <typeparam name="T">The value's type.</typeparam>
internal sealed class SettingOption<TSettings, T> : SettingOption<TSettings>
{
    private readonly Option<T> _option;
    private readonly SettingBinding<TSettings, T> _binding;

    /// <summary>The option of <paramref name="binding"/>'s setting.</summary>
    /// <param name="binding">The library's binding (description, parsing, how the value applies).</param>
    /// <param name="shortNames">Short command-line names, e.g. <c>-s</c>.</param>
    public SettingOption(SettingBinding<TSettings, T> binding, params string[] shortNames)
    {
        _binding = binding;
        _option = DescribedOptions.Create<T>(binding.Description, shortNames);
        if (typeof(T).IsEnum)
        {
            _option.HelpName = string.Join('|', binding.Names);
            _option.CustomParser = Choices.Parser<T>(_option.Name, binding.TryParse, binding.Names);
        }
        else if (binding.RangeCheckedOnRead || typeof(T) == typeof(string))
        {
            // Read as the binding reads it: a number in its range, or a free name (a layer's) trimmed and never blank.
            _option.CustomParser = result =>
            {
                string text = result.Tokens.Single().Value.Trim();
                if (binding.TryParse(text, out T value))
                {
                    return value;
                }

                result.AddError(SettingText.TryParse(text, out T _)
                    ? $"{_option.Name} must be {binding.Expected} (got {text})."
                    : $"{_option.Name} must be {SettingText.Expected(typeof(T))} (got '{text}').");
                return default!;
            };
        }
    }

    /// <inheritdoc />
    public override Option Option => _option;

    /// <inheritdoc />
    public override SettingBinding<TSettings> Binding => _binding;

    /// <inheritdoc />
    public override bool IsSet(SymbolResult result) =>
        IsGiven(result) && (!_binding.IsFlag || result.GetValue(_option) is true); // only a flag's value is read: a command's validators run before its values convert, and reading a bad number throws

    /// <inheritdoc />
    public override TSettings ApplyTo(TSettings settings, ParseResult result) =>
        IsGiven(result.RootCommandResult) && result.GetValue(_option) is T value ? _binding.Apply(settings, value) : settings;
}
