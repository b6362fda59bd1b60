namespace NeuralStyle.Hosting.Jobs;

/// <summary>One image to stylise with the service's model.</summary>
/// <param name="Image">The encoded upload (PNG, JPEG, WebP, ...), decoded by a worker with the service's limits.</param>
public sealed record StylizationRequest(ReadOnlyMemory<byte> Image)
{
    /// <summary>The result's longest side; null uses the service's <c>Stylize.Size</c> (by default the upload's own size).</summary>
    public int? Size { get; init; }

    /// <summary>The blend of the output over the photo (0 to 1); null uses the service's.</summary>
    public double? Strength { get; init; }

    /// <summary>The result's format: <c>.png</c> (default), <c>.jpg</c> or <c>.webp</c>.</summary>
    public string Format { get; init; } = ".png";
}
