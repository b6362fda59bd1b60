namespace NeuralStyle.Weights;

/// <summary>
/// The per-user directory where downloaded weights are kept: an explicit directory if given, else
/// <c>$NEURALSTYLE_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/neuralstyle</c>, else
/// <c>~/.cache/neuralstyle</c> (on Windows <c>%LOCALAPPDATA%\NeuralStyle\cache</c>).
/// </summary>
public sealed class WeightsCache
{
    /// <summary>The environment variable that overrides the cache directory.</summary>
    public const string EnvironmentVariable = "NEURALSTYLE_CACHE_DIR";

    /// <summary>Uses <paramref name="directory"/>, or the default location when null.</summary>
    public WeightsCache(string? directory = null)
    {
        Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory() : directory);
    }

    /// <summary>The cache directory (created on first download).</summary>
    public string Directory { get; }

    /// <summary>Where <paramref name="file"/> is (or would be) cached.</summary>
    public string PathOf(WeightsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(Directory, file.FileName);
    }

    /// <summary>The cached path of <paramref name="file"/>, or null when it has not been downloaded.</summary>
    public string? TryGet(WeightsFile file)
    {
        string path = PathOf(file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The default cache directory for this user and platform.</summary>
    public static string DefaultDirectory()
    {
        string? overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return overridden;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "NeuralStyle", "cache");
        }

        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "neuralstyle");
    }
}
