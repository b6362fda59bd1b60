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

    /// <summary>
    /// The digest of the bytes the file says it has: a device that reads without end (<c>/dev/zero</c>
    /// reports 0 bytes) is hashed as what it says, and its load then refuses it, instead of hashing forever.
    /// </summary>
    private static string Compute(string fullPath)
    {
        using FileStream stream = File.OpenRead(fullPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[81920];
        for (long left = stream.Length; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
