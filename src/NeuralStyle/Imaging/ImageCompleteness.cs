using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;

namespace NeuralStyle.Imaging;

/// <summary>
/// Detects truncated files that ImageSharp would otherwise decode leniently (filling the missing
/// part with gray): a JPEG must end with its end-of-image marker, a GIF with its trailer, and a
/// WebP file must be as long as its RIFF header says, each of its chunks within it. ImageSharp 2.1
/// allocates a WebP metadata chunk (ICCP, EXIF, XMP) at its declared size before reading it, even
/// to read the header: a 38-byte file declaring a 2 GB chunk cost 2 GB, so this runs before the header is read.
/// </summary>
internal static class ImageCompleteness
{
    private const int JpegTailBytes = 4096;
    private const int GifTailBytes = 16;

    /// <summary>"RIFF", the length that follows, "WEBP".</summary>
    private const int RiffHeaderBytes = 12;

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
            WebpFormat => FindChunkOverrun(stream, start, ChunksEnd(stream, start, length)),
            _ => null,
        };
    }

    /// <summary>
    /// Where a WebP file's chunks end as ImageSharp reads them: an extended file's (VP8X) at the end of
    /// the stream, whatever its RIFF header says; a simple one's (VP8, VP8L) at its RIFF length (bytes
    /// after it are ignored, so they are not checked).
    /// </summary>
    private static long ChunksEnd(Stream stream, long start, long length)
    {
        Span<byte> first = stackalloc byte[4];
        stream.Position = start + RiffHeaderBytes;
        bool extended = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false) == first.Length && first.SequenceEqual("VP8X"u8);
        return extended ? length : Math.Min(length, DeclaredRiffLength(stream, start) ?? length);
    }

    /// <summary>The first RIFF chunk (after the 12-byte file header) that declares more bytes than follow it, up to <paramref name="length"/>.</summary>
    private static string? FindChunkOverrun(Stream stream, long start, long length)
    {
        Span<byte> header = stackalloc byte[8];
        for (long position = RiffHeaderBytes; position + header.Length <= length;)
        {
            stream.Position = start + position;
            stream.ReadExactly(header);
            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            long remaining = length - position - header.Length;
            if (declared > remaining)
            {
                string name = string.Concat(header[..4].ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '?'));
                return $"its '{name}' chunk declares {declared} bytes but only {remaining} follow";
            }

            // A chunk's data is padded to an even length.
            position += header.Length + declared + (declared & 1);
        }

        return null;
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
        if (stream.Length - start < RiffHeaderBytes)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[8];
        stream.Position = start;
        stream.ReadExactly(header);
        return header[..4].SequenceEqual("RIFF"u8) ? BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) + 8L : null;
    }
}
