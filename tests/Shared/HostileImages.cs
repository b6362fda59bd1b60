using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Testing;

/// <summary>Small files that cost a careless decoder far more than their size.</summary>
public static class HostileImages
{
    /// <summary>
    /// A valid <paramref name="width"/> x <paramref name="height"/> PNG carrying a compressed text chunk
    /// (<c>zTXt</c>, or <c>iTXt</c> when <paramref name="international"/>) that inflates to
    /// <paramref name="inflatedBytes"/> bytes of text (about a thousandth of that on disk).
    /// </summary>
    public static byte[] PngWithTextBomb(int width, int height, int inflatedBytes, bool international = false)
    {
        byte[] png;
        using (var image = new Image<Rgb24>(width, height, new Rgb24(90, 140, 200)))
        using (var stream = new MemoryStream())
        {
            image.SaveAsPng(stream);
            png = stream.ToArray();
        }

        using var text = new MemoryStream();
        text.Write(Encoding.Latin1.GetBytes(international ? "Comment\0\u0001\0\0\0" : "Comment\0\0"));
        using (var zlib = new ZLibStream(text, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (int written = 0; written < inflatedBytes; written += spaces.Length)
            {
                zlib.Write(spaces, 0, Math.Min(spaces.Length, inflatedBytes - written));
            }
        }

        byte[] chunk = Chunk(international ? "iTXt" : "zTXt", text.ToArray());

        // After the 8-byte signature and the 25-byte IHDR chunk.
        const int afterHeader = 8 + 25;
        return [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)];
    }

    /// <summary>
    /// A 38-byte extended WebP file whose first chunk after the header, <paramref name="chunk"/> (<c>ICCP</c>,
    /// <c>EXIF</c> or <c>XMP </c>), declares <paramref name="declaredBytes"/> bytes of metadata it does not hold:
    /// ImageSharp 2.1 allocates the declared size before it reads a byte.
    /// </summary>
    public static byte[] WebpWithMetadataBomb(string chunk, uint declaredBytes)
    {
        byte flag = chunk switch { "ICCP" => 0x20, "EXIF" => 0x08, "XMP " => 0x04, _ => throw new ArgumentException("ICCP, EXIF or XMP ", nameof(chunk)) };
        byte[] file = new byte[38];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)file.Length - 8);
        "WEBPVP8X"u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 10);
        file[20] = flag;

        // Canvas width and height minus one (24-bit each) stay 0: a 1x1 canvas.
        Encoding.ASCII.GetBytes(chunk).CopyTo(file, 30);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(34), declaredBytes);
        return file;
    }

    /// <summary>A PNG chunk: length, type, data, CRC.</summary>
    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
