using System.Text.RegularExpressions;
using NeuralStyle.IO;

namespace NeuralStyle.Cli;

/// <summary>
/// The commands' side of the library's one output rule (<see cref="OutputGuard"/>): every command
/// that writes checks its outputs here before any work starts; the transfer also keeps its
/// <c>--save-every</c> snapshots off the inputs.
/// </summary>
internal static class InputGuard
{
    /// <exception cref="OutputConflictException">The output, or one of its snapshots, is an input, or the output is a folder.</exception>
    /// <exception cref="IOException">The output exists and <c>--overwrite</c> was not given.</exception>
    public static void EnsureWritable(StyleJob job)
    {
        OutputGuard.EnsureWritable(job.Output, job.Inputs, job.Overwrite);
        if (job.SaveEvery <= 0)
        {
            return;
        }

        Regex snapshot = SnapshotPattern(OutputGuard.Canonical(job.Output));
        foreach ((string path, string role) in job.Inputs.Where(i => !string.IsNullOrWhiteSpace(i.Path)))
        {
            if (snapshot.IsMatch(OutputGuard.Canonical(path)))
            {
                throw new OutputConflictException($"--save-every would write snapshots named like the {role} '{path}' next to -o '{job.Output}': choose another output name.");
            }
        }
    }

    /// <summary>Matches the paths <see cref="SnapshotWriter.PathFor"/> gives for <paramref name="output"/>.</summary>
    private static Regex SnapshotPattern(string output)
    {
        string stem = Path.Combine(Path.GetDirectoryName(output) ?? string.Empty, Path.GetFileNameWithoutExtension(output));
        RegexOptions options = RegexOptions.CultureInvariant | (OutputGuard.Comparison == StringComparison.Ordinal ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new Regex($"^{Regex.Escape(stem)}\\.[0-9]{{4,}}{Regex.Escape(Path.GetExtension(output))}$", options, TimeSpan.FromSeconds(1));
    }
}
