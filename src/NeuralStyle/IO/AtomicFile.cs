namespace NeuralStyle.IO;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file beside the target, flushed to
/// disk, then renamed over it, so a crash, a cancellation or a full disk never leaves a partial
/// file. The one implementation, used for images, model files, checkpoints, ONNX exports and batch records.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>.</summary>
    /// <inheritdoc cref="Write(string, bool, Action{Stream}, CancellationToken)"/>
    public static void Write(string path, bool overwrite, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Write(path, overwrite, stream => stream.Write(content.Span), cancellationToken);

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="overwrite">When false, an existing file is an error and is left untouched.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="cancellationToken">Checked before writing and before the file is moved into place.</param>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was written or changed.</exception>
    public static void Write(string path, bool overwrite, Action<Stream> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        OutputGuard.EnsureReplaceable(path, overwrite);
        cancellationToken.ThrowIfCancellationRequested();
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $"{TemporaryPrefix(fullPath)}{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (FileStream stream = new(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, fullPath, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files an earlier writer of <paramref name="path"/> left when its process
    /// was killed between creating and renaming one (a kill skips the cleanup above); returns how many.
    /// Only names this class makes are touched: <c>.NAME.</c>, 32 hex digits, <c>.tmp</c>.
    /// </summary>
    public static int RemoveStale(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        string prefix = TemporaryPrefix(fullPath);
        int removed = 0;
        // The name is compared, not put in the search pattern: '?' and '*' are legal in a Linux file name,
        // and as a pattern 'img?.png' would match another output's temporary files.
        foreach (string candidate in Directory.EnumerateFiles(directory, "*" + TemporarySuffix))
        {
            string name = Path.GetFileName(candidate);
            if (name.Length == prefix.Length + UniqueDigits + TemporarySuffix.Length
                && name.StartsWith(prefix, StringComparison.Ordinal)
                && name.AsSpan(prefix.Length, UniqueDigits).ToString().All(Uri.IsHexDigit))
            {
                File.Delete(candidate);
                removed++;
            }
        }

        return removed;
    }

    private const string TemporarySuffix = ".tmp";

    /// <summary>The longest file name most file systems take, in bytes (ext4, XFS, NTFS, APFS: 255).</summary>
    private const int MaxNameBytes = 255;

    /// <summary>The hex digits that make each temporary name unique (a GUID's).</summary>
    private const int UniqueDigits = 32;

    /// <summary>
    /// The start of <paramref name="fullPath"/>'s temporary names: <c>.NAME.</c>, or for a name too long to
    /// take 38 more bytes, its first 100 bytes' worth of characters and 16 hex digits of its SHA-256, so
    /// the temporary name fits where the output's does.
    /// </summary>
    private static string TemporaryPrefix(string fullPath)
    {
        string name = Path.GetFileName(fullPath);
        string whole = $".{name}.";
        if (System.Text.Encoding.UTF8.GetByteCount(whole) + UniqueDigits + TemporarySuffix.Length <= MaxNameBytes)
        {
            return whole;
        }

        int kept = 0;
        for (int bytes = 0; kept < name.Length; kept += char.IsSurrogatePair(name, kept) ? 2 : 1)
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(name.AsSpan(kept, char.IsSurrogatePair(name, kept) ? 2 : 1));
            if (bytes > 100)
            {
                break;
            }
        }

        string digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..16];
        return $".{name[..kept]}~{digest}.";
    }
}
