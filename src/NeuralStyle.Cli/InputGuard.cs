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
    /// <exception cref="IOException">The output, or a snapshot this run may write, exists and <c>--overwrite</c> was not given.</exception>
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

        // An earlier run's snapshots (a number this run's cadence reaches) are replaced only with --overwrite, as the output is:
        // refused now, not after the evaluations before the first one.
        string folder = Path.GetDirectoryName(Path.GetFullPath(job.Output))!;
        string? earlier = job.Overwrite || !Directory.Exists(folder)
            ? null
            : Directory.EnumerateFiles(folder, $"{Path.GetFileNameWithoutExtension(job.Output)}.*{Path.GetExtension(job.Output)}")
                .FirstOrDefault(file => snapshot.Match(OutputGuard.Canonical(file)) is { Success: true } found
                    && long.TryParse(found.Groups["evaluation"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out long evaluation)
                    && evaluation % job.SaveEvery == 0);
        if (earlier is not null)
        {
            throw new OutputExistsException($"'{earlier}' already exists, a snapshot --save-every would replace: remove the earlier run's snapshots, choose another output name, or allow overwriting them.");
        }
    }

    /// <summary>Matches the paths <see cref="SnapshotWriter.PathFor"/> gives for <paramref name="output"/>.</summary>
    private static Regex SnapshotPattern(string output)
    {
        string stem = Path.Combine(Path.GetDirectoryName(output) ?? string.Empty, Path.GetFileNameWithoutExtension(output));
        RegexOptions options = RegexOptions.CultureInvariant | (OutputGuard.Comparison == StringComparison.Ordinal ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new Regex($"^{Regex.Escape(stem)}\\.(?<evaluation>[0-9]{{4,}}){Regex.Escape(Path.GetExtension(output))}$", options, TimeSpan.FromSeconds(1));
    }
}
