using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;

namespace NeuralStyle.Imaging;

/// <summary>
/// Detects truncated files that ImageSharp would otherwise decode leniently (filling the missing
/// part with gray): a JPEG must end with its end-of-image marker, a GIF with its trailer, and a
/// WebP file must be as long as its RIFF header says.
/// </summary>
internal static class ImageCompleteness
{
    private const int JpegTailBytes = 4096;
    private const int GifTailBytes = 16;

    /// <summary>Returns why the data looks cut short, or null when it looks complete.</summary>
    public static string? FindTruncation(Stream stream, long start, IImageFormat format)
    {
        long length = stream.Length - start;
        return format switch
        {
            JpegFormat when !TailContains(stream, start, length, JpegTailBytes, static tail => tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0)
                => "the JPEG end-of-image marker is missing",
            GifFormat when !TailContains(stream, start, length, GifTailBytes, static tail => tail.TrimEnd((byte)0).EndsWith([(byte)0x3B]))
                => "the GIF trailer is missing",
            WebpFormat when DeclaredRiffLength(stream, start) is long declared && declared > length
                => $"the WebP header declares {declared} bytes but only {length} are present",
            _ => null,
        };
    }

    private static bool TailContains(Stream stream, long start, long length, int tailBytes, Func<ReadOnlySpan<byte>, bool> test)
    {
        int count = (int)Math.Min(length, tailBytes);
        byte[] tail = new byte[count];
        stream.Position = start + length - count;
        stream.ReadExactly(tail);
        return test(tail);
    }

    private static long? DeclaredRiffLength(Stream stream, long start)
    {
        if (stream.Length - start < 12)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[8];
        stream.Position = start;
        stream.ReadExactly(header);
        return header[..4].SequenceEqual("RIFF"u8) ? BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) + 8L : null;
    }
}
