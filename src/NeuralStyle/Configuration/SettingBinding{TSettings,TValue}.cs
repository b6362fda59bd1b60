namespace NeuralStyle.Configuration;

/// <summary>A <see cref="SettingBinding{TSettings}"/> whose value is a <typeparamref name="TValue"/>.</summary>
/// <typeparam name="TSettings">The settings record the value goes into.</typeparam>
/// <typeparam name="TValue">The value's type: <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, an enum or a <see cref="string"/>.</typeparam>
public sealed class SettingBinding<TSettings, TValue> : SettingBinding<TSettings>
{
    private readonly Func<TSettings, TValue, TSettings> _apply;

    /// <summary>Binds <paramref name="description"/>'s setting to <paramref name="apply"/>.</summary>
    /// <param name="description">The setting's description.</param>
    /// <param name="apply">The settings with a value applied.</param>
    /// <param name="aliases">More names an enum value may be written as (e.g. <c>mean-cov</c>).</param>
    /// <param name="writtenAs">
    /// How an enum value is written where it is shown (help, messages), and read beside its enum and
    /// kebab-case names (e.g. <c>bfloat16</c> rather than <c>b-float16</c>); null writes the kebab-case names.
    /// Enums only; a name for each value, none blank, none twice.
    /// </param>
    /// <exception cref="ArgumentException"><typeparamref name="TValue"/> cannot be read from text, or <paramref name="writtenAs"/> is given for a setting that is not an enum, or writes a blank name or one name for two values.</exception>
    public SettingBinding(
        SettingDescription description, Func<TSettings, TValue, TSettings> apply, IReadOnlyDictionary<string, TValue>? aliases = null, Func<TValue, string>? writtenAs = null)
        : base(description)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (!SettingText.IsReadable(typeof(TValue)))
        {
            throw new ArgumentException($"{description.Name}: a setting's value is a whole number, a number, a flag or a name, not a {typeof(TValue).Name}.", nameof(apply));
        }

        if (writtenAs is not null && !typeof(TValue).IsEnum)
        {
            throw new ArgumentException($"{description.Name}: only an enum setting's values are written by name.", nameof(writtenAs));
        }

        _apply = apply;
        var written = new Dictionary<string, TValue>(StringComparer.OrdinalIgnoreCase);
        foreach (TValue value in typeof(TValue).IsEnum && writtenAs is not null ? Enum.GetValues(typeof(TValue)).Cast<TValue>() : [])
        {
            string name = writtenAs!(value);
            if (string.IsNullOrWhiteSpace(name) || !written.TryAdd(name, value))
            {
                throw new ArgumentException($"{description.Name}: '{name}' is blank or written for two values; write each value by a name of its own.", nameof(writtenAs));
            }
        }

        foreach ((string alias, TValue value) in aliases ?? new Dictionary<string, TValue>())
        {
            written.TryAdd(alias, value);
        }

        Aliases = written;
        Names = !typeof(TValue).IsEnum ? []
            : writtenAs is null ? SettingText.Names(typeof(TValue))
            : [.. Enum.GetValues(typeof(TValue)).Cast<TValue>().Select(writtenAs)];
    }

    /// <summary>More names an enum value may be written as, beside its kebab-case name (the names it is written as included).</summary>
    public IReadOnlyDictionary<string, TValue> Aliases { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Names { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(TValue);

    /// <summary>Reads <paramref name="text"/> as a value (<see cref="SettingText.TryParse{T}"/>, with <see cref="Aliases"/>; in range, when <see cref="SettingBinding{TSettings}.RangeCheckedOnRead"/>).</summary>
    /// <param name="text">The value as written.</param>
    /// <param name="value">The value read.</param>
    public bool TryParse(string text, out TValue value) =>
        SettingText.TryParse(text, out value, Aliases)
        && !(RangeCheckedOnRead && Description.Range is ValueRange range && value is int or long or double
            && !range.Contains(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary><paramref name="settings"/> with <paramref name="value"/> applied.</summary>
    /// <param name="settings">The settings to change.</param>
    /// <param name="value">The value.</param>
    public TSettings Apply(TSettings settings, TValue value) => _apply(settings, value);

    /// <inheritdoc />
    public override bool Accepts(string text) => TryParse(text, out _);

    /// <inheritdoc />
    public override bool TryApply(TSettings settings, string text, out TSettings result)
    {
        bool read = TryParse(text, out TValue value);
        result = read ? Apply(settings, value) : settings;
        return read;
    }
}
