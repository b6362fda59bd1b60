using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NeuralStyle.Batch.Records;

/// <summary>SHA-256 of input files, each read once per batch (styles and models are shared by many jobs).</summary>
internal sealed class FileDigests
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>The digest of <paramref name="path"/>, cached by full path (inputs do not change during a batch).</summary>
    public string Of(string path) => _known.GetOrAdd(Path.GetFullPath(path), Compute);

    /// <summary>The digest of <paramref name="path"/> as it is now (outputs change; not cached).</summary>
    public string OfUncached(string path) => Compute(Path.GetFullPath(path));

    /// <summary>The digest of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Compute(string fullPath)
    {
        using FileStream stream = File.OpenRead(fullPath);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
