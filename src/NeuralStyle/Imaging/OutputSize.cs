namespace NeuralStyle.Imaging;

/// <summary>The working size of an image: the original, a fixed height, or a fixed longest side (aspect kept).</summary>
public sealed record OutputSize
{
    private OutputSize(OutputSizeMode mode, int pixels)
    {
        Mode = mode;
        Pixels = pixels;
    }

    /// <summary>Keep the image's size.</summary>
    public static OutputSize Original { get; } = new(OutputSizeMode.Original, 0);

    /// <summary>How the size is fixed.</summary>
    public OutputSizeMode Mode { get; }

    /// <summary>The height or longest side in pixels (0 for <see cref="Original"/>).</summary>
    public int Pixels { get; }

    /// <summary>Scale to this height, keeping the aspect ratio (the Keras example uses 400).</summary>
    public static OutputSize Height(int pixels) => new(OutputSizeMode.Height, pixels);

    /// <summary>Scale so the longer side has this many pixels, keeping the aspect ratio.</summary>
    public static OutputSize LongestSide(int pixels) => new(OutputSizeMode.LongestSide, pixels);

    /// <summary>The width and height an image of <paramref name="width"/> × <paramref name="height"/> gets.</summary>
    public (int Width, int Height) Apply(int width, int height)
    {
        double scale = Mode switch
        {
            OutputSizeMode.Original => 1,
            OutputSizeMode.Height => (double)Pixels / height,
            OutputSizeMode.LongestSide => (double)Pixels / Math.Max(width, height),
            _ => throw new InvalidOperationException($"Unhandled mode {Mode}."),
        };
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <inheritdoc />
    public override string ToString() => Mode == OutputSizeMode.Original ? "original size" : $"{Mode} {Pixels} px";
}

/// <summary>How an <see cref="OutputSize"/> is fixed.</summary>
public enum OutputSizeMode
{
    /// <summary>Unchanged.</summary>
    Original,

    /// <summary>Fixed height.</summary>
    Height,

    /// <summary>Fixed longest side.</summary>
    LongestSide,
}
