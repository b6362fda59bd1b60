namespace NeuralStyle.IO;

/// <summary>
/// The one check of a file the library is asked to read: it exists and is a file, or the error says
/// which of the two is wrong (a folder given where a file goes is named as such, not as missing).
/// </summary>
public static class InputFile
{
    /// <summary>What is wrong with <paramref name="path"/> as the <paramref name="what"/> to read, and how to fix it, or null when it is a file that exists.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="what">What the file is, for the message: "model file", "style image", "manifest".</param>
    public static string? Problem(string? path, string what) => Describe(path, what) is (string message, string fix) ? $"{message} {fix}" : null;

    /// <summary>The problem as a message and a fix (for a <see cref="Configuration.ConfigurationProblem"/>), or null.</summary>
    internal static (string Message, string Fix)? Describe(string? path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        if (string.IsNullOrWhiteSpace(path))
        {
            return ($"The {what} path is empty.", "Give the file's path.");
        }

        if (File.Exists(path))
        {
            return null;
        }

        return Directory.Exists(path)
            ? ($"The {what} '{path}' is a folder, not a file.", "Give the path of the file inside it.")
            : ($"The {what} '{path}' does not exist.", "Check the path.");
    }

    /// <summary>Throws unless <paramref name="path"/> is a file that exists.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="what">What the file is, for the message: "model file", "style image", "manifest".</param>
    /// <exception cref="FileNotFoundException">It does not exist, or it is a folder; the message says which.</exception>
    public static void EnsureExists(string? path, string what)
    {
        if (Problem(path, what) is string problem)
        {
            throw new FileNotFoundException(problem, path);
        }
    }
}
