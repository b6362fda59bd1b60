namespace NeuralStyle.FastStyle.Training;

/// <summary>The content photos of a training run: every image file under a folder, in a fixed (ordinal) order.</summary>
internal static class ContentFolder
{
    /// <summary>The extensions of the formats the image loader decodes.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".bmp", ".gif", ".jpeg", ".jpg", ".pbm", ".png", ".tga", ".tif", ".tiff", ".webp"];

    /// <summary>The image files under <paramref name="directory"/> (subfolders included), sorted ordinally so a seed means the same crops everywhere.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
