using System.Text.Json;

namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// The one rule for a manifest's paths: a non-empty string, resolved against the manifest's folder,
/// and a value that can be no path (a NUL character, which JSON can escape) a problem of its line,
/// never an exception.
/// </summary>
internal static class ManifestPaths
{
    /// <summary>The full path <paramref name="text"/> names, against <paramref name="folder"/>; null, with a problem, when it cannot be a path.</summary>
    /// <param name="text">The path as the line writes it.</param>
    /// <param name="key">The key it was given under, for the message.</param>
    /// <param name="folder">The manifest's folder.</param>
    /// <param name="errors">Where the line's problems go.</param>
    public static string? Resolve(string text, string key, string folder, List<string> errors)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add($"\"{key}\" has a NUL character (\\u0000), which no file name has: write the path as it is.");
            return null;
        }

        try
        {
            return Path.GetFullPath(text, folder);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add($"\"{key}\" is not a path this system can open ({e.Message}).");
            return null;
        }
    }

    /// <summary>A path or a non-empty array of paths, each resolved; null, with a problem, otherwise.</summary>
    /// <param name="value">The value as the line gives it.</param>
    /// <param name="key">The key it was given under, for the message.</param>
    /// <param name="folder">The manifest's folder.</param>
    /// <param name="errors">Where the line's problems go.</param>
    public static string[]? Many(JsonElement value, string key, string folder, List<string> errors)
    {
        JsonElement[] items = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
        if (items.Length == 0 || !items.All(i => i.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(i.GetString())))
        {
            errors.Add($"\"{key}\" must be a path or a non-empty array of paths.");
            return null;
        }

        var paths = new List<string>(items.Length);
        foreach (JsonElement item in items)
        {
            if (Resolve(item.GetString()!, key, folder, errors) is not string path)
            {
                return null;
            }

            paths.Add(path);
        }

        return [.. paths];
    }
}
