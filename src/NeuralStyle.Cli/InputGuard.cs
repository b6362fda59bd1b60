using System.Text.RegularExpressions;

namespace NeuralStyle.Cli;

/// <summary>Refuses an output (or snapshot) path that names one of the inputs (inputs are never overwritten, with or without <c>--overwrite</c>), and an existing output without <c>--overwrite</c>.</summary>
internal static class InputGuard
{
    /// <exception cref="UsageException">The output, or one of its snapshots, is an input.</exception>
    public static void EnsureOutputIsNoInput(StyleJob job)
    {
        string output = Canonical(job.Output);
        Regex? snapshot = job.SaveEvery > 0 ? SnapshotPattern(output) : null;
        foreach ((string path, string role) in job.Inputs.Where(i => !string.IsNullOrWhiteSpace(i.Path)))
        {
            string input = Canonical(path);
            if (string.Equals(input, output, PathComparison))
            {
                throw new UsageException($"-o '{job.Output}' is the {role} '{path}': choose another output file (inputs are never overwritten).");
            }

            if (snapshot is not null && snapshot.IsMatch(input))
            {
                throw new UsageException($"--save-every would write snapshots named like the {role} '{path}' next to -o '{job.Output}': choose another output name.");
            }
        }
    }

    /// <summary>Refuses <paramref name="output"/> when it is one of <paramref name="inputs"/> (compared as <see cref="EnsureOutputIsNoInput(StyleJob)"/> does: through links, case as the file system treats it).</summary>
    /// <exception cref="UsageException">The output is an input.</exception>
    public static void EnsureOutputIsNoInput(string output, IEnumerable<string> inputs)
    {
        string canonical = Canonical(output);
        if (inputs.Any(input => string.Equals(Canonical(input), canonical, PathComparison)))
        {
            throw new UsageException($"The output '{output}' is one of the inputs: choose another output, inputs are never overwritten.");
        }
    }

    /// <summary>Refuses an existing <paramref name="path"/> unless <paramref name="overwrite"/>, before any work starts.</summary>
    /// <exception cref="IOException">It exists.</exception>
    public static void RefuseExisting(string path, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new IOException($"'{path}' already exists: choose another output or pass --overwrite.");
        }
    }

    /// <summary>Linux file systems tell case apart; the default ones of Windows and macOS do not.</summary>
    private static StringComparison PathComparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The full path, through symbolic links when the file exists.</summary>
    private static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>Matches the paths <see cref="SnapshotWriter.PathFor"/> gives for <paramref name="output"/>.</summary>
    private static Regex SnapshotPattern(string output)
    {
        string stem = Path.Combine(Path.GetDirectoryName(output) ?? string.Empty, Path.GetFileNameWithoutExtension(output));
        RegexOptions options = RegexOptions.CultureInvariant | (PathComparison == StringComparison.Ordinal ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new Regex($"^{Regex.Escape(stem)}\\.[0-9]{{4,}}{Regex.Escape(Path.GetExtension(output))}$", options, TimeSpan.FromSeconds(1));
    }
}
