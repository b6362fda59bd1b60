using System.CommandLine;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The fast-style commands (<c>train</c>, <c>apply</c>, <c>export</c>) and what they share: output
/// naming and option parsing.
/// </summary>
internal static class FastStyleCommands
{
    public static IEnumerable<Command> Create(Func<OutputMode, IRunReporter> reporterFor) =>
        [TrainCommand.Create(reporterFor), ApplyCommand.Create(reporterFor), ExportCommand.Create(reporterFor), StylesCommand.Create(reporterFor)];

    /// <summary>One output per input: <paramref name="target"/> itself for one input that is not a folder, else a file per input in the folder.</summary>
    internal static List<(string Input, string Output)> Outputs(string[] inputs, string target)
    {
        bool folder = Directory.Exists(target) || target.EndsWith(Path.DirectorySeparatorChar) || string.IsNullOrEmpty(Path.GetExtension(target));
        if (!folder && inputs.Length == 1)
        {
            return [(inputs[0], target)];
        }

        if (!folder)
        {
            throw new UsageException(
                $"-o '{target}' names one file but {inputs.Length} photos were given: give a folder for several (e.g. -o {Path.GetFileNameWithoutExtension(target)}{Path.DirectorySeparatorChar}), or one photo.");
        }

        var outputs = inputs.Select(i => (i, Path.Combine(target, Path.GetFileNameWithoutExtension(i) + OutputExtension(i)))).ToList();
        // As the file system tells names apart (case-blind on Windows and macOS), through links.
        string? clash = outputs.GroupBy(o => OutputGuard.Canonical(o.Item2), OutputGuard.Comparer).FirstOrDefault(g => g.Count() > 1)?.First().Item2;
        if (clash is not null)
        {
            throw new UsageException($"Two inputs would both be written to '{clash}': give inputs with different names.");
        }

        return outputs;
    }

    /// <summary>The model a command reads: a built-in style's name or a model file (the names from <see cref="BuiltInStyles.Names"/>).</summary>
    internal static Argument<string> ModelArgument() => new("model")
    {
        Description = $"A built-in style ({string.Join(", ", BuiltInStyles.Names)}: see `neural-style styles`) or a model file (.safetensors) from `neural-style train`.",
    };

    internal static string OutputExtension(string input) =>
        ImageWriter.SupportedExtensions.Contains(Path.GetExtension(input).ToLowerInvariant()) ? Path.GetExtension(input) : ".png";
}
