namespace NeuralStyle.Weights;

/// <summary>
/// A downloadable weights file: where it comes from, the name it is cached under and the SHA-256
/// it must have. <see cref="Sha256"/> may be a full 64-digit hash or a prefix of one (torchvision
/// names its files after the first 8 or more hex digits of their SHA-256 and checks only those).
/// </summary>
public sealed record WeightsFile
{
    /// <summary>Describes a weights file.</summary>
    /// <param name="fileName">The cache file name, e.g. <c>vgg19-dcbb9e9d.pth</c>.</param>
    /// <param name="url">The download address.</param>
    /// <param name="sha256">The expected SHA-256 in hex, in full or a prefix of at least 8 digits.</param>
    public WeightsFile(string fileName, Uri url, string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileName is "." or "..")
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }

        if (sha256.Length is < 8 or > 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 in hex (8 to 64 hex digits).", nameof(sha256));
        }

        FileName = fileName;
        Url = url;
        Sha256 = sha256.ToLowerInvariant();
    }

    /// <summary>The cache file name.</summary>
    public string FileName { get; }

    /// <summary>The download address.</summary>
    public Uri Url { get; }

    /// <summary>The expected SHA-256 (lower-case hex, full or a prefix).</summary>
    public string Sha256 { get; }

    /// <summary>True when <paramref name="actualSha256"/> (full lower-case hex) matches <see cref="Sha256"/>.</summary>
    public bool Matches(string actualSha256) =>
        actualSha256 is not null && actualSha256.StartsWith(Sha256, StringComparison.OrdinalIgnoreCase);
}
