using NeuralStyle.Cli.Options;
using NeuralStyle.IO;

namespace NeuralStyle.Cli.Reporting;

/// <summary>A library failure in the command's terms: settings named by their options, and an existing output by <c>--overwrite</c>.</summary>
internal static class FailureText
{
    /// <summary>The failure's message, with the options a user types to fix it.</summary>
    public static string Of(Exception failure) => failure switch
    {
        OutputExistsException exists => $"{exists.Message.TrimEnd('.')} (--overwrite).",
        _ => DescribedOptions.Annotate(failure.Message),
    };
}
