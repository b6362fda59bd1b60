using NeuralStyle.Configuration;
using NeuralStyle.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Imaging;

/// <summary>
/// Decodes untrusted images safely: the header is read first and the pixel count checked against
/// <see cref="ImageLoadOptions.MaxPixels"/>, the decoder's allocations are capped, EXIF orientation
/// is applied, and every pixel format (grayscale, CMYK, 16-bit, palette, alpha) becomes RGB plus an
/// optional alpha plane.
/// </summary>
public sealed class ImageLoader
{
    private readonly SixLabors.ImageSharp.Configuration _configuration;

    /// <summary>Creates a loader with the given limits (or <see cref="ImageLoadOptions.Default"/>).</summary>
    /// <exception cref="Transfer.StyleTransferConfigurationException">A limit is not positive.</exception>
    public ImageLoader(ImageLoadOptions? options = null)
        : this(Validated(options ?? ImageLoadOptions.Default))
    {
    }

    private ImageLoader((ImageLoadOptions Options, SixLabors.ImageSharp.Configuration Decoding) limits)
    {
        Options = limits.Options;
        _configuration = limits.Decoding;
    }

    /// <summary>The limits in force.</summary>
    public ImageLoadOptions Options { get; }

    /// <summary>A loader for limits <c>Build()</c> has validated.</summary>
    internal static ImageLoader ForValidated(ImageLoadOptions options) => new((options, DecodingFor(options)));

    private static (ImageLoadOptions, SixLabors.ImageSharp.Configuration) Validated(ImageLoadOptions options)
    {
        var problems = new ProblemList();
        options.Validate(problems);
        problems.ThrowIfAny();
        return (options, DecodingFor(options));
    }

    /// <summary>
    /// ImageSharp's configuration with the decoder's allocations capped, and PNG metadata never read:
    /// a PNG's compressed text and ICC chunks inflate without bound (a 1 MB zTXt chunk holds 1 GiB of
    /// text), and nothing in them is needed. JPEG and WebP metadata is read for the EXIF orientation:
    /// a JPEG's segments are at most 64 KiB, and a WebP chunk that declares more than the file holds is
    /// refused before the decoder allocates it (<see cref="ImageCompleteness"/>).
    /// </summary>
    private static SixLabors.ImageSharp.Configuration DecodingFor(ImageLoadOptions options)
    {
        SixLabors.ImageSharp.Configuration configuration = SixLabors.ImageSharp.Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = options.AllocationLimitMegabytes });
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        return configuration;
    }

    /// <summary>
    /// The header of the image <paramref name="stream"/> holds, its format and declared size, read under
    /// these limits before any pixel is decoded: PNG metadata is never read and the decoder's allocations
    /// are capped (the same decoding <see cref="Load(Stream)"/> uses). For checks before a load, such as
    /// an upload's size or a photo's smallest side.
    /// </summary>
    /// <param name="stream">The image's bytes, from its current position (buffered in memory first when it cannot seek).</param>
    /// <param name="format">The format found; null when none is.</param>
    /// <returns>The header; null when the bytes are not an image in a supported format.</returns>
    /// <exception cref="InvalidImageException">The header is corrupt or unreadable, or the file is truncated.</exception>
    /// <exception cref="ImageTooLargeException">A stream that cannot seek is longer than <see cref="ImageLoadOptions.MaxStreamBytes"/>.</exception>
    public IImageInfo? Identify(Stream stream, out IImageFormat? format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            return Identify(stream, "stream", out format);
        }

        using MemoryStream buffer = BoundedRead.ReadAll(stream, Options.MaxStreamBytes) ?? throw TooLong(Options.MaxStreamBytes);
        return Identify(buffer, "stream", out format);
    }

    /// <summary>Loads an image file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidImageException">The file is empty, corrupt or not an image.</exception>
    /// <exception cref="ImageTooLargeException">The image has more pixels than allowed.</exception>
    public TransferImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        IO.InputFile.EnsureExists(path, "image file");

        using FileStream stream = File.OpenRead(path);
        return Decode(stream, $"'{path}'");
    }

    /// <summary>Loads an image from a stream (buffered in memory first when it cannot seek).</summary>
    /// <exception cref="InvalidImageException">The data is empty, corrupt or not an image.</exception>
    /// <exception cref="ImageTooLargeException">The image has more pixels than allowed.</exception>
    public TransferImage Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            return Decode(stream, "the stream");
        }

        using MemoryStream buffer = BoundedRead.ReadAll(stream, Options.MaxStreamBytes) ?? throw TooLong(Options.MaxStreamBytes);
        return Decode(buffer, "the stream");
    }

    /// <summary>Loads the image <paramref name="source"/> names: a file, a stream or an image in memory (a copy the caller owns).</summary>
    /// <exception cref="InvalidImageException">The data is empty, corrupt or not an image.</exception>
    /// <exception cref="ImageTooLargeException">The image has more pixels than allowed.</exception>
    public TransferImage Load(Transfer.ImageSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Load(this);
    }

    /// <summary>The error of a stream longer than <paramref name="maxBytes"/> (<see cref="ImageLoadOptions.MaxStreamBytes"/>).</summary>
    internal static ImageTooLargeException TooLong(long maxBytes) =>
        new($"The image stream is longer than {maxBytes} bytes; raise ImageLoadOptions.MaxStreamBytes to accept it.");

    /// <summary>Copies an RGB image (opaque).</summary>
    public static TransferImage FromImage(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new TransferImage(image.Clone());
    }

    /// <summary>Copies an RGBA image, keeping its alpha when any pixel is not fully opaque.</summary>
    public static TransferImage FromImage(Image<Rgba32> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Split(image);
    }

    private TransferImage Decode(Stream stream, string source)
    {
        long start = stream.Position;
        if (stream.Length - start == 0)
        {
            throw new InvalidImageException($"Image {source} is empty (0 bytes).");
        }

        IImageInfo? info = Identify(stream, source, out IImageFormat? format);

        if (info is null)
        {
            throw new InvalidImageException(
                $"Image {source} is not in a supported format (PNG, JPEG, GIF, BMP, TGA, TIFF, WebP, PBM).");
        }

        long pixels = (long)info.Width * info.Height;
        if (info.Width < 1 || info.Height < 1)
        {
            throw new InvalidImageException($"Image {source} declares an empty size {info.Width}x{info.Height}.");
        }

        if (pixels > Options.MaxPixels)
        {
            throw new ImageTooLargeException(
                $"Image {source} declares {info.Width}x{info.Height} = {pixels} pixels, more than the limit of {Options.MaxPixels}. " +
                "Resize it first, or raise ImageLoadOptions.MaxPixels if you trust it.");
        }

        stream.Position = start;
        try
        {
            using Image<Rgba32> image = Image.Load<Rgba32>(_configuration, stream);
            image.Mutate(c => c.AutoOrient());
            return Split(image);
        }
        catch (Exception exception) when (IsDecodeFailure(exception))
        {
            throw new InvalidImageException($"Image {source} is corrupt or truncated: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The header of a seekable <paramref name="stream"/>, after <see cref="ImageCompleteness"/> has checked
    /// that the file is whole: a truncated file, or one with a part that declares more bytes than the file
    /// holds, is refused before any decoder reads it.
    /// </summary>
    private IImageInfo? Identify(Stream stream, string source, out IImageFormat? format)
    {
        long start = stream.Position;
        try
        {
            if (Image.DetectFormat(_configuration, stream) is IImageFormat detected
                && ImageCompleteness.FindTruncation(stream, start, detected) is string truncation)
            {
                throw new InvalidImageException($"Image {source} is corrupt or truncated: {truncation}.");
            }

            stream.Position = start;
            return Image.Identify(_configuration, stream, out format);
        }
        catch (InvalidImageException)
        {
            throw;
        }
        catch (Exception exception) when (IsDecodeFailure(exception))
        {
            throw new InvalidImageException($"Image {source} has a corrupt or unreadable header: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Any failure inside the decoder is the file's fault — hostile input can even trip decoder
    /// bugs (a NullReferenceException in ImageSharp's WebP decoder was found by the mutation tests) —
    /// except running out of memory, which is reported as such.
    /// </summary>
    private static bool IsDecodeFailure(Exception exception) => exception is not (OutOfMemoryException or OperationCanceledException);

    private static TransferImage Split(Image<Rgba32> image)
    {
        var color = new Image<Rgb24>(image.Width, image.Height);
        var alpha = new Image<L8>(image.Width, image.Height);
        bool translucent = false;
        image.ProcessPixelRows(color, alpha, (source, rgb, a) =>
        {
            for (int y = 0; y < source.Height; y++)
            {
                Span<Rgba32> row = source.GetRowSpan(y);
                Span<Rgb24> rgbRow = rgb.GetRowSpan(y);
                Span<L8> alphaRow = a.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    Rgba32 p = row[x];
                    rgbRow[x] = new Rgb24(p.R, p.G, p.B);
                    alphaRow[x] = new L8(p.A);
                    translucent |= p.A != 255;
                }
            }
        });
        if (!translucent)
        {
            alpha.Dispose();
            return new TransferImage(color);
        }

        return new TransferImage(color, alpha);
    }
}
