namespace NeuralStyle.Configuration;

/// <summary>
/// One setting a host sets by its key, bound to the settings it changes: its
/// <see cref="SettingDescription"/> (key, help, default, range), how its value is read from text
/// (<see cref="SettingText"/>), and how a value changes a <typeparamref name="TSettings"/>. The
/// command line's options and a batch manifest's keys are both bound through these, so a key means
/// the same everywhere; the values themselves are validated once, at <c>Build()</c> (but for a
/// binding whose range is <see cref="RangeCheckedOnRead"/>).
/// </summary>
/// <typeparam name="TSettings">The settings record the value goes into.</typeparam>
public abstract class SettingBinding<TSettings>
{
    /// <summary>Binds <paramref name="description"/>'s setting.</summary>
    /// <param name="description">The setting's description.</param>
    private protected SettingBinding(SettingDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Description = description;
    }

    /// <summary>The setting's description: its key, aliases, help, default and range.</summary>
    public SettingDescription Description { get; }

    /// <summary>The value's type: <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> (a flag), an enum or a <see cref="string"/> (a free name, such as a layer's).</summary>
    public abstract Type ValueType { get; }

    /// <summary>
    /// The names an enum setting's values are written as, in the enum's order, as help and messages
    /// show them: their kebab-case names, or the binding's own way of writing them (e.g. <c>bfloat16</c>,
    /// <c>0.5</c>); empty for any other setting.
    /// </summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Whether the setting is a flag (made by <see cref="Flag"/>): <c>true</c> applies it, <c>false</c>
    /// leaves the settings as they are, so a flag given <c>false</c> counts as not given.
    /// </summary>
    public bool IsFlag { get; private set; }

    /// <summary>
    /// Whether a number out of <see cref="SettingDescription.Range"/> is refused as it is read, not
    /// left to <c>Build()</c>: for a setting a host takes in other units than the library's (e.g.
    /// MiB for a limit in bytes), whose library message would name numbers the user never wrote.
    /// Numbers only: it changes nothing for a flag or a name.
    /// </summary>
    public bool RangeCheckedOnRead { get; init; }

    /// <summary>What a value must be, for messages: one of <see cref="Names"/>, the range when <see cref="RangeCheckedOnRead"/>, else <see cref="SettingText.Expected"/>.</summary>
    public string Expected =>
        Names.Count > 0 ? "one of " + string.Join(", ", Names)
        : RangeCheckedOnRead && Description.Range is ValueRange range ? range.ToString()
        : SettingText.Expected(ValueType);

    /// <summary>Whether <paramref name="key"/> names this setting: its key or one of its aliases.</summary>
    /// <param name="key">A key as a host wrote it, without dashes.</param>
    public bool IsNamed(string key) => Description.Key == key || Description.Aliases.Contains(key);

    /// <summary>Reads <paramref name="text"/> and applies it to <paramref name="settings"/>.</summary>
    /// <param name="settings">The settings to change.</param>
    /// <param name="text">The value as written.</param>
    /// <param name="result">The changed settings; <paramref name="settings"/> when the text is not a value.</param>
    /// <returns>Whether <paramref name="text"/> is a value of <see cref="ValueType"/> (else say <see cref="Expected"/>).</returns>
    public abstract bool TryApply(TSettings settings, string text, out TSettings result);

    /// <summary>Whether <paramref name="text"/> is a value of <see cref="ValueType"/>.</summary>
    /// <param name="text">The value as written.</param>
    public abstract bool Accepts(string text);

    /// <summary>A flag's binding: <c>true</c> applies <paramref name="turnOn"/>, <c>false</c> changes nothing.</summary>
    /// <param name="description">The flag's description.</param>
    /// <param name="turnOn">The settings with the flag on.</param>
    public static SettingBinding<TSettings, bool> Flag(SettingDescription description, Func<TSettings, TSettings> turnOn)
    {
        ArgumentNullException.ThrowIfNull(turnOn);
        var flag = new SettingBinding<TSettings, bool>(description, (settings, on) => on ? turnOn(settings) : settings);
        ((SettingBinding<TSettings>)flag).IsFlag = true;
        return flag;
    }
}
