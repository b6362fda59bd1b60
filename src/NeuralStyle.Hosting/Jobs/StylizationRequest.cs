namespace NeuralStyle.Hosting.Jobs;

/// <summary>One image to stylise.</summary>
/// <param name="Image">The encoded upload (PNG, JPEG, WebP, ...), decoded by a worker with the service's limits.</param>
public sealed record StylizationRequest(ReadOnlyMemory<byte> Image)
{
    /// <summary>
    /// The style: a built-in style's name (<c>starry-night</c>, <c>the-scream</c>, <c>shipwreck</c>) or a
    /// name of <see cref="Service.NeuralStyleServiceOptions.Models"/>; null uses the service's <c>ModelPath</c>.
    /// </summary>
    public string? Style { get; init; }

    /// <summary>A fast model's pass (default) or a transfer of the style's painting (<see cref="StylizationMethod.Paint"/>, built-in styles only).</summary>
    public StylizationMethod Method { get; init; } = StylizationMethod.Fast;

    /// <summary>The result's longest side; null uses the service's (fast: <c>Stylize.Size</c>, by default the upload's own size; paint: <c>Paint.Size</c>).</summary>
    public int? Size { get; init; }

    /// <summary>How strongly to stylise (0 to 1); null uses the service's.</summary>
    public double? Strength { get; init; }

    /// <summary>The result's format: <c>.png</c> (default), <c>.jpg</c> or <c>.webp</c>.</summary>
    public string Format { get; init; } = ".png";
}
