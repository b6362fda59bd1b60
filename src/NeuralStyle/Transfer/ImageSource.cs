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

    /// <summary>Problems visible before loading (e.g. a missing file).</summary>
    public virtual IEnumerable<string> Validate() => [];

    /// <summary>Decodes the image.</summary>
    public abstract StyleImage Load(ImageLoader loader);

    private sealed class FileSource(string path) : ImageSource
    {
        public override string Description => $"'{path}'";

        public override IEnumerable<string> Validate()
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return "An image path is empty.";
            }
            else if (!File.Exists(path))
            {
                yield return $"Image file '{path}' does not exist.";
            }
        }

        public override StyleImage Load(ImageLoader loader) => loader.Load(path);
    }

    private sealed class StreamSource(Stream stream) : ImageSource
    {
        public override string Description => "a stream";

        public override IEnumerable<string> Validate()
        {
            if (stream is null || !stream.CanRead)
            {
                yield return "An image stream is null or not readable.";
            }
        }

        public override StyleImage Load(ImageLoader loader) => loader.Load(stream);
    }

    private sealed class InMemorySource(Image? image, string description, Func<StyleImage> copy) : ImageSource
    {
        public override string Description => description;

        public override IEnumerable<string> Validate()
        {
            if (image is null)
            {
                yield return "An in-memory image is null.";
            }
        }

        public override StyleImage Load(ImageLoader loader) => copy();
    }
}
