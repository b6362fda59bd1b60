using NeuralStyle.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace NeuralStyle.Imaging;

/// <summary>
/// Saves images atomically: the encoder writes a temporary file beside the target, which is then
/// renamed over it, so a crash, a cancellation or a full disk never leaves a partial file.
/// </summary>
public static class ImageWriter
{
    /// <summary>The file extensions <see cref="Save"/> accepts.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".png", ".jpg", ".jpeg", ".webp"];

    /// <summary>Saves <paramref name="image"/> (alpha put back when present) to <paramref name="path"/>, choosing the format from the extension.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">Target file: <c>.png</c>, <c>.jpg</c>/<c>.jpeg</c> or <c>.webp</c>.</param>
    /// <param name="overwrite">When false (the default), an existing file is an error and is left untouched.</param>
    /// <param name="cancellationToken">Checked before encoding and before the file is moved into place; a cancelled save leaves nothing.</param>
    /// <exception cref="NotSupportedException">The extension is not supported.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no file was written or changed.</exception>
    public static void Save(TransferImage image, string path, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EnsureSupported(path);
        AtomicFile.Write(path, overwrite, stream => Encode(image, path, stream), cancellationToken);
    }

    /// <summary>Encodes <paramref name="image"/> into <paramref name="stream"/> (in memory, say) in the format a path or extension names (alpha put back when the format has it).</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">A file name or an extension: <c>.png</c>, <c>.jpg</c>/<c>.jpeg</c> or <c>.webp</c>.</param>
    /// <param name="stream">Receives the encoded image.</param>
    /// <exception cref="NotSupportedException">The extension is not supported.</exception>
    public static void Encode(TransferImage image, string path, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        IImageEncoder encoder = EncoderFor(path);
        if (image.Alpha is not null && encoder is not JpegEncoder)
        {
            using Image rgba = image.ToRgba32();
            rgba.Save(stream, encoder);
        }
        else
        {
            image.Color.Save(stream, encoder);
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> has an extension <see cref="Save"/> can write, so a long
    /// run can fail before it starts rather than at the end.
    /// </summary>
    /// <exception cref="NotSupportedException">The extension is not supported.</exception>
    public static void EnsureSupported(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EncoderFor(path);
    }

    private static IImageEncoder EncoderFor(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => new PngEncoder(),
        ".JPG" or ".JPEG" => new JpegEncoder { Quality = 95 },
        ".WEBP" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        _ => throw new NotSupportedException(
            $"Cannot save '{path}': unsupported extension. Use one of {string.Join(", ", SupportedExtensions)}."),
    };
}
