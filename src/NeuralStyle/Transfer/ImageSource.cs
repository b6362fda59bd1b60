using System.Security.Cryptography;
using NeuralStyle.Configuration;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Transfer;

/// <summary>
/// Where an input image comes from: a file, a stream or an image in memory. Decoded when the transfer
/// runs; a stream is read into memory once, when the transfer or stylizer is built.
/// </summary>
public abstract class ImageSource
{
    private ImageSource()
    {
    }

    /// <summary>A description for messages, e.g. the path.</summary>
    public abstract string Description { get; }

    /// <summary>An image file.</summary>
    public static ImageSource FromFile(string path) => new FileSource(path);

    /// <summary>A stream (read once, into memory, when the transfer or stylizer is built; the caller keeps ownership).</summary>
    public static ImageSource FromStream(Stream stream) => new StreamSource(stream);

    /// <summary>An RGB image (copied when the transfer runs).</summary>
    public static ImageSource FromImage(Image<Rgb24> image) =>
        new InMemorySource(image, "an in-memory RGB image", () => ImageLoader.FromImage(image));

    /// <summary>An RGBA image (copied when the transfer runs; its alpha is kept).</summary>
    public static ImageSource FromImage(Image<Rgba32> image) =>
        new InMemorySource(image, "an in-memory RGBA image", () => ImageLoader.FromImage(image));

    /// <summary>A decoded image (copied when the transfer runs; its alpha is kept).</summary>
    internal static ImageSource FromTransferImage(TransferImage image) =>
        new InMemorySource(image.Color, "given", () => new TransferImage(image.Color.Clone(), image.Alpha?.Clone()));

    /// <summary>The file it reads, or null for a stream or an image in memory.</summary>
    public virtual string? FilePath => null;

    /// <summary>
    /// This source as one that gives the same image at every load (a stream is read once, into memory,
    /// at most <paramref name="maxBytes"/>), with what identifies its content: <c>file</c> for a file
    /// (whose bytes the caller hashes), else the SHA-256 of the bytes or pixels.
    /// </summary>
    /// <exception cref="ImageTooLargeException">A stream is longer than <paramref name="maxBytes"/>.</exception>
    internal virtual (ImageSource Source, string Identity) ForReuse(long maxBytes) => (this, Description);

    /// <summary>This source as one that gives the same image at every load (a stream is read once, into memory), without identifying it.</summary>
    /// <exception cref="ImageTooLargeException">A stream is longer than <paramref name="maxBytes"/>.</exception>
    internal virtual ImageSource Rereadable(long maxBytes) => this;

    /// <summary>Records problems visible before loading (e.g. a missing file) as problems of <paramref name="setting"/>.</summary>
    internal virtual void Validate(ProblemList problems, Setting setting)
    {
    }

    /// <summary>Decodes the image.</summary>
    internal abstract TransferImage Load(ImageLoader loader);

    private sealed class FileSource(string path) : ImageSource
    {
        public override string Description => $"'{path}'";

        public override string? FilePath => path;

        internal override void Validate(ProblemList problems, Setting setting)
        {
            problems.RequireFile(path, setting, "image file");
        }

        internal override TransferImage Load(ImageLoader loader) => loader.Load(path);

        internal override (ImageSource Source, string Identity) ForReuse(long maxBytes) => (this, "file");
    }

    private sealed class StreamSource(Stream stream) : ImageSource
    {
        public override string Description => "a stream";

        internal override void Validate(ProblemList problems, Setting setting) =>
            problems.Require(stream is not null && stream.CanRead, setting, "An image stream is null or not readable.", "Pass an open, readable stream.");

        internal override TransferImage Load(ImageLoader loader) => loader.Load(stream);

        internal override (ImageSource Source, string Identity) ForReuse(long maxBytes) => Rereadable(maxBytes).ForReuse(maxBytes);

        internal override ImageSource Rereadable(long maxBytes)
        {
            using MemoryStream read = BoundedRead.ReadAll(stream, maxBytes) ?? throw ImageLoader.TooLong(maxBytes);
            return new BytesSource(read.ToArray());
        }
    }

    /// <summary>An encoded image held in memory: a stream of it is decoded at every load.</summary>
    private sealed class BytesSource(byte[] bytes) : ImageSource
    {
        public override string Description => "a stream";

        internal override TransferImage Load(ImageLoader loader)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return loader.Load(stream);
        }

        internal override (ImageSource Source, string Identity) ForReuse(long maxBytes) => (this, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private sealed class InMemorySource(Image? image, string description, Func<TransferImage> copy) : ImageSource
    {
        public override string Description => description;

        internal override void Validate(ProblemList problems, Setting setting) =>
            problems.Require(image is not null, setting, "An in-memory image is null.", "Pass a loaded image.");

        internal override TransferImage Load(ImageLoader loader) => copy();

        internal override (ImageSource Source, string Identity) ForReuse(long maxBytes) => (this, image switch
        {
            Image<Rgb24> rgb => Digest(rgb),
            Image<Rgba32> rgba => Digest(rgba),
            _ => description,
        });

        private static string Digest<TPixel>(Image<TPixel> image)
            where TPixel : unmanaged, IPixel<TPixel>
        {
            byte[] pixels = new byte[image.Width * image.Height * System.Runtime.CompilerServices.Unsafe.SizeOf<TPixel>()];
            image.CopyPixelDataTo(pixels);
            return FormattableString.Invariant($"{image.Width}x{image.Height}:sha256:{Convert.ToHexStringLower(SHA256.HashData(pixels))}");
        }
    }
}
