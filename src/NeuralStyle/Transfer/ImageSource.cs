using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Transfer;

/// <summary>Where an input image comes from: a file, a stream or an image in memory. Loaded when the transfer runs.</summary>
public abstract class ImageSource
{
    private ImageSource()
    {
    }

    /// <summary>A description for messages, e.g. the path.</summary>
    public abstract string Description { get; }

    /// <summary>An image file.</summary>
    public static ImageSource FromFile(string path) => new FileSource(path);

    /// <summary>A stream (read when the transfer runs; the caller keeps ownership).</summary>
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
    }

    private sealed class StreamSource(Stream stream) : ImageSource
    {
        public override string Description => "a stream";

        internal override void Validate(ProblemList problems, Setting setting) =>
            problems.Require(stream is not null && stream.CanRead, setting, "An image stream is null or not readable.", "Pass an open, readable stream.");

        internal override TransferImage Load(ImageLoader loader) => loader.Load(stream);
    }

    private sealed class InMemorySource(Image? image, string description, Func<TransferImage> copy) : ImageSource
    {
        public override string Description => description;

        internal override void Validate(ProblemList problems, Setting setting) =>
            problems.Require(image is not null, setting, "An in-memory image is null.", "Pass a loaded image.");

        internal override TransferImage Load(ImageLoader loader) => copy();
    }
}
