using System.Globalization;

namespace NeuralStyle.Configuration;

/// <summary>
/// How every host reads a setting's value from text (a command-line token, a manifest's value, a
/// form field): numbers in the invariant culture (<c>0.5</c>, whatever the machine's language),
/// flags as <c>true</c> or <c>false</c>, names in kebab case (<c>mean-covariance</c>) or as the enum
/// writes them (<c>MeanCovariance</c>), case-insensitive; free names (a layer's) as written, trimmed.
/// </summary>
public static class SettingText
{
    /// <summary>Reads <paramref name="text"/> as a <typeparamref name="T"/>: <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, an enum, or a <see cref="string"/> (any text that is not blank, trimmed).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="text">The value as written.</param>
    /// <param name="value">The value read; the default when the text is not one.</param>
    /// <param name="aliases">More names an enum value may be written as (e.g. <c>mean-cov</c>).</param>
    /// <returns>Whether <paramref name="text"/> is a <typeparamref name="T"/>.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is none of those types.</exception>
    public static bool TryParse<T>(string text, out T value, IReadOnlyDictionary<string, T>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        (bool read, object? parsed) = typeof(T) switch
        {
            Type t when t == typeof(int) => (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i), i),
            Type t when t == typeof(long) => (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l), l),
            Type t when t == typeof(double) => (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double d), d),
            Type t when t == typeof(bool) => (bool.TryParse(trimmed, out bool b), b),
            Type t when t.IsEnum => TryParseName(trimmed, aliases),
            Type t when t == typeof(string) => (trimmed.Length > 0, trimmed),
            _ => throw new NotSupportedException($"A setting's value is a whole number, a number, a flag or a name, not a {typeof(T).Name}."),
        };
        value = read ? (T)parsed! : default!;
        return read;
    }

    /// <summary>What a value of <paramref name="valueType"/> must be, for messages: <c>a whole number</c>, <c>a number such as 0.5</c>, <c>true or false</c>, <c>one of gram, mean-covariance, wasserstein</c>.</summary>
    /// <param name="valueType">The value's type (a nullable or an array stands for its element).</param>
    public static string Expected(Type valueType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        Type type = Element(valueType);
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number such as 0.5"
            : type == typeof(bool) ? "true or false"
            : type.IsEnum ? "one of " + string.Join(", ", Names(type))
            : "a name";
    }

    /// <summary>The names an enum's values are written as, in kebab case: <c>gram</c>, <c>mean-covariance</c>, <c>wasserstein</c>.</summary>
    /// <param name="enumType">The enum.</param>
    public static IReadOnlyList<string> Names(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return [.. Enum.GetNames(enumType).Select(SettingDescriptions.KebabCase)];
    }

    /// <summary>Whether <see cref="TryParse{T}"/> reads a <paramref name="valueType"/>: <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, an enum or a <see cref="string"/> (not a nullable or an array of them).</summary>
    /// <param name="valueType">The value's type.</param>
    internal static bool IsReadable(Type valueType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        return valueType == typeof(int) || valueType == typeof(long) || valueType == typeof(double) || valueType == typeof(bool) || valueType.IsEnum || valueType == typeof(string);
    }

    private static Type Element(Type valueType) =>
        valueType.IsArray ? valueType.GetElementType()! : Nullable.GetUnderlyingType(valueType) ?? valueType;

    private static (bool, object?) TryParseName<T>(string text, IReadOnlyDictionary<string, T>? aliases)
    {
        foreach (T value in Enum.GetValues(typeof(T)).Cast<T>())
        {
            string name = value!.ToString()!;
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || text.Equals(SettingDescriptions.KebabCase(name), StringComparison.OrdinalIgnoreCase))
            {
                return (true, value);
            }
        }

        foreach ((string alias, T value) in aliases ?? new Dictionary<string, T>())
        {
            if (text.Equals(alias, StringComparison.OrdinalIgnoreCase))
            {
                return (true, value);
            }
        }

        return (false, null);
    }
}
