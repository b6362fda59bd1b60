using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// Parses enum options by their kebab-case names (<c>MeanCovariance</c> is <c>mean-covariance</c>), plus
/// optional short aliases, or as a setting's binding reads them (<c>bfloat16</c>, <c>0.5</c>).
/// </summary>
internal static class Choices
{
    /// <summary>Reads a value from text, as a setting's binding does.</summary>
    internal delegate bool TryRead<T>(string text, out T value);

    /// <summary>The help's value placeholder for an enum option, e.g. <c>gram|mean-covariance|wasserstein</c>.</summary>
    public static string HelpName(Type enumType) =>
        string.Join('|', Enum.GetNames(enumType).Select(Kebab));

    /// <summary>
    /// A custom parser for an option of enum type <typeparamref name="T"/> that accepts its
    /// kebab-case (or Pascal-case) names and <paramref name="aliases"/>, as the library reads a
    /// setting's name (<see cref="SettingText"/>); without it System.CommandLine would refuse the
    /// kebab-case names the help shows.
    /// </summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, IReadOnlyDictionary<string, T>? aliases = null) =>
        Parser(option, (string text, out T value) => SettingText.TryParse(text, out value, aliases), SettingText.Names(typeof(T)));

    /// <summary>
    /// A custom parser for an enum option read as its setting's binding reads it (<paramref name="read"/>),
    /// e.g. <c>bfloat16</c> or <c>0.5</c>, or an error listing <paramref name="shown"/>, the names the help gives.
    /// </summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, TryRead<T> read, IReadOnlyList<string> shown) => result =>
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
        if (read(text, out T value))
        {
            return value;
        }

        result.AddError(Unknown(option, text, shown));
        return default!;
    };

    private static string Unknown(string option, string text, IEnumerable<string> names) =>
        $"Unknown {option} '{text}': use {string.Join(", ", names)}.";

    /// <summary><c>MeanCovariance</c> → <c>mean-covariance</c> (the library's one rule, <see cref="SettingDescriptions.KebabCase"/>).</summary>
    public static string Kebab(string name) => SettingDescriptions.KebabCase(name);
}
