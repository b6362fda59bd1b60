using System.Runtime.InteropServices;

namespace NeuralStyle.IO;

/// <summary>
/// The one rule for where a command or a job may write, used by every writer (the commands, batches,
/// model files, exports): an input is never an output, whatever overwriting allows and whatever links
/// lie between the two paths; a folder is never an output file; an existing output is replaced only
/// when overwriting is allowed.
/// </summary>
public static class OutputGuard
{
    /// <summary>Checks that <paramref name="output"/> may be written, before any work starts; the message names the input's role.</summary>
    /// <param name="output">The file to write.</param>
    /// <param name="inputs">Every file the run reads, with what it is ("content image", "model file"); missing ones are ignored.</param>
    /// <param name="overwrite">Whether an existing output may be replaced.</param>
    /// <exception cref="OutputConflictException">The output is one of the inputs, or a folder.</exception>
    /// <exception cref="OutputExistsException">The output exists and <paramref name="overwrite"/> is false.</exception>
    public static void EnsureWritable(string output, IEnumerable<(string Path, string Role)> inputs, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(inputs);
        EnsureNotAnInput(output, inputs);
        EnsureReplaceable(output, overwrite);
    }

    /// <summary>The one "already exists" rule: an existing <paramref name="output"/> is replaced only with <paramref name="overwrite"/>.</summary>
    /// <exception cref="OutputExistsException">The output exists and <paramref name="overwrite"/> is false.</exception>
    internal static void EnsureReplaceable(string output, bool overwrite)
    {
        if (!overwrite && File.Exists(output))
        {
            throw new OutputExistsException($"'{output}' already exists: choose another output, or allow overwriting it.");
        }
    }

    /// <summary>Checks that <paramref name="output"/> is not a folder and none of <paramref name="inputs"/>; the message names the input's role.</summary>
    /// <exception cref="OutputConflictException">The output is one of the inputs, or a folder.</exception>
    public static void EnsureNotAnInput(string output, IEnumerable<(string Path, string Role)> inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(inputs);
        if (Directory.Exists(output))
        {
            throw new OutputConflictException($"The output '{output}' is a folder: give a file name inside it (e.g. '{Path.Combine(output, "result.png")}').");
        }

        string canonical = Canonical(output);
        foreach ((string input, string role) in inputs.Where(i => !string.IsNullOrWhiteSpace(i.Path)))
        {
            if (string.Equals(Canonical(input), canonical, Comparison))
            {
                string through = string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), Comparison) ? string.Empty : " (through a link)";
                throw new OutputConflictException(
                    $"The output '{output}' is the {role} '{input}'{through}: choose another output. Inputs are never overwritten, even when overwriting is allowed.");
            }
        }
    }

    /// <summary>
    /// The path a file is known by: full, with every link on the way resolved (the file's own, and its
    /// folders' for a file that does not exist yet).
    /// </summary>
    public static string Canonical(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (RealPath(full) is string real)
        {
            return real;
        }

        string? directory = Path.GetDirectoryName(full);
        return directory is not null && RealPath(directory) is string realDirectory ? Path.Combine(realDirectory, Path.GetFileName(full)) : full;
    }

    /// <summary>Linux file systems tell case apart; the default ones of Windows and macOS do not.</summary>
    public static StringComparison Comparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary><see cref="Comparison"/> as a comparer, for sets and groups of <see cref="Canonical"/> paths.</summary>
    public static StringComparer Comparer => StringComparer.FromComparison(Comparison);

    /// <summary>The path with every link resolved, or null when it does not exist.</summary>
    private static string? RealPath(string full)
    {
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows())
        {
            IntPtr resolved = Runtime.NativeMethods.RealPath(full, IntPtr.Zero);
            if (resolved != IntPtr.Zero)
            {
                try
                {
                    return Marshal.PtrToStringUTF8(resolved);
                }
                finally
                {
                    Runtime.NativeMethods.Free(resolved);
                }
            }
        }

        try
        {
            FileSystemInfo info = File.Exists(full) ? new FileInfo(full) : new DirectoryInfo(full);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
