using System.CommandLine.Parsing;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// Parses enum options by their kebab-case names (<c>MeanCovariance</c> is <c>mean-covariance</c>), plus
/// optional short aliases, or by names a setting writes its own way (<c>bfloat16</c>).
/// </summary>
internal static class Choices
{
    /// <summary>The help's value placeholder for an enum option, e.g. <c>gram|mean-covariance|wasserstein</c>.</summary>
    public static string HelpName(Type enumType) =>
        string.Join('|', Enum.GetNames(enumType).Select(Kebab));

    /// <summary>
    /// A custom parser for an option of enum type <typeparamref name="T"/> that accepts its
    /// kebab-case (or Pascal-case) names and <paramref name="aliases"/>, as the library reads a
    /// setting's name (<see cref="SettingText"/>); without it System.CommandLine would refuse the
    /// kebab-case names the help shows.
    /// </summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, IReadOnlyDictionary<string, T>? aliases = null) => result =>
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (SettingText.TryParse(text, out T value, aliases))
        {
            return value;
        }

        result.AddError(Unknown(option, text.Trim(), SettingText.Names(typeof(T))));
        return default!;
    };

    /// <summary>A custom parser for an enum option whose values are written <paramref name="name"/>'s way (e.g. <c>bfloat16</c>, not the kebab-case <c>b-float16</c>).</summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, Func<T, string> name)
        where T : struct, Enum
    {
        string[] names = [.. Enum.GetValues<T>().Select(name)];
        return Parser(option, [.. Enum.GetValues<T>().Select(v => (name(v), v))], names);
    }

    /// <summary>The one parser: the value whose name (any of <paramref name="accepted"/>, case-insensitive) is the token, or an error listing <paramref name="shown"/>.</summary>
    private static Func<ArgumentResult, T> Parser<T>(string option, (string Name, T Value)[] accepted, string[] shown) => result =>
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
        foreach ((string name, T value) in accepted.Where(a => text.Equals(a.Name, StringComparison.OrdinalIgnoreCase)))
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
