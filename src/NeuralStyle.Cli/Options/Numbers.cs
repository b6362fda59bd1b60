using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// How number options read their values: in the invariant culture (<c>0.5</c>, as help and JSON
/// manifests write numbers, whatever the machine's language), and refused with a message naming the
/// option, the value and the number expected (<c>--size must be a whole number (got 'abc').</c>)
/// where System.CommandLine's own names a CLR type (<c>System.Nullable`1[System.Int32]</c>).
/// </summary>
internal static class Numbers
{
    /// <summary>Gives every number option of <paramref name="command"/> and its subcommands that has no parser of its own the parser here.</summary>
    public static void UseOn(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in command.Options)
        {
            switch (option)
            {
                case Option<int> o:
                    o.CustomParser ??= r => One<int>(r, o.Name);
                    break;
                case Option<int?> o:
                    o.CustomParser ??= r => One<int>(r, o.Name);
                    break;
                case Option<long> o:
                    o.CustomParser ??= r => One<long>(r, o.Name);
                    break;
                case Option<long?> o:
                    o.CustomParser ??= r => One<long>(r, o.Name);
                    break;
                case Option<double> o:
                    o.CustomParser ??= r => One<double>(r, o.Name);
                    break;
                case Option<double?> o:
                    o.CustomParser ??= r => One<double>(r, o.Name);
                    break;
                case Option<double[]> o:
                    o.CustomParser ??= r => r.Tokens.Select(t => Parse<double>(r, o.Name, t.Value)).ToArray();
                    break;
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            UseOn(subcommand);
        }
    }

    /// <summary>What a value of an option of <paramref name="valueType"/> must be ("a whole number", "a number such as 0.5"); null when the option takes no number.</summary>
    public static string? Expected(Type valueType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        Type type = valueType.IsArray ? valueType.GetElementType()! : Nullable.GetUnderlyingType(valueType) ?? valueType;
        return type == typeof(int) || type == typeof(long) ? "a whole number" : type == typeof(double) ? "a number such as 0.5" : null;
    }

    /// <summary>Whether <paramref name="text"/> is a value an option of <paramref name="valueType"/> (a number option, see <see cref="Expected"/>) takes.</summary>
    public static bool Accepts(Type valueType, string text)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        Type type = valueType.IsArray ? valueType.GetElementType()! : Nullable.GetUnderlyingType(valueType) ?? valueType;
        return type == typeof(int) ? TryParse<int>(text, out _) : type == typeof(long) ? TryParse<long>(text, out _) : type != typeof(double) || TryParse<double>(text, out _);
    }

    /// <summary>
    /// A parser for a whole-number option whose value must be in <paramref name="description"/>'s
    /// range, checked while parsing (for an option in other units than the library's setting).
    /// </summary>
    public static Func<ArgumentResult, int?> WholeWithin(string option, SettingDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        ValueRange range = description.Range ?? throw new ArgumentException($"{description.Name} is not a number.", nameof(description));
        return result =>
        {
            string text = result.Tokens.Single().Value;
            if (!TryParse(text, out int value))
            {
                result.AddError($"{option} must be {Expected(typeof(int))} (got '{text}').");
                return null;
            }

            if (!range.Contains(value))
            {
                result.AddError(FormattableString.Invariant($"{option} must be {range} (got {value})."));
                return null;
            }

            return value;
        };
    }

    private static T One<T>(ArgumentResult result, string option)
        where T : struct, INumber<T> => Parse<T>(result, option, result.Tokens.Single().Value);

    private static T Parse<T>(ArgumentResult result, string option, string text)
        where T : struct, INumber<T>
    {
        if (TryParse(text, out T value))
        {
            return value;
        }

        result.AddError($"{option} must be {Expected(typeof(T))} (got '{text}').");
        return default;
    }

    private static bool TryParse<T>(string text, out T value)
        where T : struct, INumber<T> =>
        T.TryParse(text, typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
