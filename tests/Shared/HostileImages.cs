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
