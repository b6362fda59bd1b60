using System.CommandLine.Parsing;
using System.Text;

namespace NeuralStyle.Cli.Options;

/// <summary>Parses enum options by their kebab-case names (<c>MeanCovariance</c> is <c>mean-covariance</c>), plus optional short aliases.</summary>
internal static class Choices
{
    /// <summary>The kebab-case names of <typeparamref name="TEnum"/>'s members, in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => Kebab(v.ToString())).ToArray();

    /// <summary>The help's value placeholder for an enum option, e.g. <c>gram|mean-covariance|wasserstein</c>.</summary>
    public static string HelpName(Type enumType) =>
        string.Join('|', Enum.GetNames(enumType).Select(Kebab));

    /// <summary>A custom parser for an option of <typeparamref name="TEnum"/> that accepts its kebab-case names and <paramref name="aliases"/>.</summary>
    public static Func<ArgumentResult, TEnum> Parser<TEnum>(string option, IReadOnlyDictionary<string, TEnum>? aliases = null)
        where TEnum : struct, Enum => result =>
        {
            string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
            foreach (TEnum value in Enum.GetValues<TEnum>())
            {
                if (text.Equals(Kebab(value.ToString()), StringComparison.OrdinalIgnoreCase) || text.Equals(value.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            if (aliases is not null && aliases.TryGetValue(text.ToLowerInvariant(), out TEnum alias))
            {
                return alias;
            }

            result.AddError($"Unknown {option} '{text}': use {string.Join(", ", Names<TEnum>())}.");
            return default;
        };

    /// <summary><c>MeanCovariance</c> → <c>mean-covariance</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
