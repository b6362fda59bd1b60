using System.Buffers.Binary;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Reliability.Tests;

/// <summary>Valid encodings of a small picture, and broken variants of them, made in code.</summary>
internal static class BrokenImages
{
    public static byte[] Encode(string format, int width = 48, int height = 32)
    {
        using Image<Rgb24> image = DemoImages.Lakeside(width, height);
        using var stream = new MemoryStream();
        image.Save(stream, Encoder(format));
        return stream.ToArray();
    }

    public static IImageEncoder Encoder(string format) => format switch
    {
        "png" => new PngEncoder(),
        "jpg" => new JpegEncoder { Quality = 90 },
        "gif" => new GifEncoder(),
        "webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>A 1x1 PNG whose header claims <paramref name="side"/> x <paramref name="side"/> (with a valid CRC).</summary>
    public static byte[] PngClaiming(int side)
    {
        using var image = new Image<Rgb24>(1, 1);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        byte[] png = stream.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), side);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), side);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), PngCrc.Compute(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A GIF whose logical screen and frame claim 65535 x 65535.</summary>
    public static byte[] GifClaimingHugeScreen()
    {
        byte[] gif = Encode("gif", 8, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 65535);
        return gif;
    }

    /// <summary>Deterministic corruption: a few random bytes overwritten, sometimes truncated too.</summary>
    public static byte[] Mutate(byte[] original, int seed)
    {
        var random = new Random(seed);
        byte[] copy = (byte[])original.Clone();
        int edits = 1 + random.Next(8);
        for (int i = 0; i < edits; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return random.Next(4) == 0 ? copy[..random.Next(1, copy.Length)] : copy;
    }
}
