using System.CommandLine;
using System.CommandLine.Parsing;
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

    private static T One<T>(ArgumentResult result, string option)
        where T : struct, INumber<T> => Parse<T>(result, option, result.Tokens.Single().Value);

    private static T Parse<T>(ArgumentResult result, string option, string text)
        where T : struct, INumber<T>
    {
        if (SettingText.TryParse(text, out T value))
        {
            return value;
        }

        result.AddError($"{option} must be {SettingText.Expected(typeof(T))} (got '{text}').");
        return default;
    }
}
