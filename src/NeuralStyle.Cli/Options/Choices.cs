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
    /// kebab-case (or Pascal-case) names and <paramref name="aliases"/>; without it System.CommandLine
    /// would refuse the kebab-case names the help shows.
    /// </summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, IReadOnlyDictionary<string, T>? aliases = null) => result =>
    {
        string text = Token(result);
        if (Match(typeof(T), text) is T value)
        {
            return value;
        }

        if (aliases is not null && aliases.TryGetValue(text.ToLowerInvariant(), out T? alias))
        {
            return alias;
        }

        result.AddError(Unknown(option, text, Enum.GetNames(typeof(T)).Select(Kebab)));
        return default!;
    };

    /// <summary>A custom parser for an enum option whose values are written <paramref name="name"/>'s way (e.g. <c>bfloat16</c>, not the kebab-case <c>b-float16</c>).</summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, Func<T, string> name)
        where T : struct, Enum => result =>
    {
        string text = Token(result);
        foreach (T value in Enum.GetValues<T>().Where(v => text.Equals(name(v), StringComparison.OrdinalIgnoreCase)))
        {
            return value;
        }

        result.AddError(Unknown(option, text, Enum.GetValues<T>().Select(name)));
        return default;
    };

    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();

    /// <summary>The member of <paramref name="enumType"/> named <paramref name="text"/> in kebab or Pascal case, or null.</summary>
    private static object? Match(Type enumType, string text) =>
        Enum.GetValues(enumType).Cast<object>().FirstOrDefault(value =>
            text.Equals(Kebab(value.ToString()!), StringComparison.OrdinalIgnoreCase) || text.Equals(value.ToString(), StringComparison.OrdinalIgnoreCase));

    private static string Unknown(string option, string text, IEnumerable<string> names) =>
        $"Unknown {option} '{text}': use {string.Join(", ", names)}.";

    /// <summary><c>MeanCovariance</c> → <c>mean-covariance</c> (the library's one rule, <see cref="SettingDescriptions.KebabCase"/>).</summary>
    public static string Kebab(string name) => SettingDescriptions.KebabCase(name);
}
