using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Imaging;

/// <summary>
/// An image as a transfer works with it (a content photo, a style, a mask or the result): RGB
/// colour plus, when the source had any transparency, its alpha channel kept aside so it can be
/// put back on the output.
/// </summary>
public sealed class TransferImage : IDisposable
{
    /// <summary>Wraps decoded planes; takes ownership of both.</summary>
    /// <param name="color">The RGB pixels.</param>
    /// <param name="alpha">The alpha channel, or null for an opaque image (same size as <paramref name="color"/>).</param>
    public TransferImage(Image<Rgb24> color, Image<L8>? alpha = null)
    {
        ArgumentNullException.ThrowIfNull(color);
        if (alpha is not null && (alpha.Width != color.Width || alpha.Height != color.Height))
        {
            throw new ArgumentException($"Alpha is {alpha.Width}x{alpha.Height} but colour is {color.Width}x{color.Height}.", nameof(alpha));
        }

        Color = color;
        Alpha = alpha;
    }

    /// <summary>The RGB pixels.</summary>
    public Image<Rgb24> Color { get; }

    /// <summary>The alpha channel, or null when the image is opaque.</summary>
    public Image<L8>? Alpha { get; }

    /// <summary>Width in pixels.</summary>
    public int Width => Color.Width;

    /// <summary>Height in pixels.</summary>
    public int Height => Color.Height;

    /// <summary>A copy of this image scaled to <paramref name="size"/> with a Lanczos-3 resampler.</summary>
    public TransferImage Resize(OutputSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        (int width, int height) = size.Apply(Width, Height);
        return ResizeTo(width, height);
    }

    /// <summary>A copy of this image scaled to exactly <paramref name="width"/> × <paramref name="height"/>.</summary>
    public TransferImage ResizeTo(int width, int height)
    {
        Image<Rgb24> color = Color.Clone(c => c.Resize(width, height, KnownResamplers.Lanczos3));
        Image<L8>? alpha = Alpha?.Clone(c => c.Resize(width, height, KnownResamplers.Lanczos3));
        return new TransferImage(color, alpha);
    }

    /// <summary>A copy as one RGBA image (opaque where there is no alpha).</summary>
    public Image<Rgba32> ToRgba32()
    {
        var result = new Image<Rgba32>(Width, Height);
        Image<L8>? alphaPlane = Alpha;
        result.ProcessPixelRows(Color, (target, source) =>
        {
            for (int y = 0; y < target.Height; y++)
            {
                Span<Rgba32> row = target.GetRowSpan(y);
                Span<Rgb24> colour = source.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgba32(colour[x].R, colour[x].G, colour[x].B, 255);
                }
            }
        });
        if (alphaPlane is not null)
        {
            result.ProcessPixelRows(alphaPlane, (target, source) =>
            {
                for (int y = 0; y < target.Height; y++)
                {
                    Span<Rgba32> row = target.GetRowSpan(y);
                    Span<L8> a = source.GetRowSpan(y);
                    for (int x = 0; x < row.Length; x++)
                    {
                        row[x].A = a[x].PackedValue;
                    }
                }
            });
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Color.Dispose();
        Alpha?.Dispose();
    }
}
