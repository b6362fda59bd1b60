using NeuralStyle.Configuration;

namespace NeuralStyle.Batch.Jobs;

/// <summary>A style transfer (Gatys et al.) with the batch's feature extractor.</summary>
public sealed record TransferBatchJob : BatchJob
{
    /// <summary>The style images, each with its blend weight and optional mask.</summary>
    public required IReadOnlyList<BatchStyle> Styles { get; init; }

    /// <summary>The transfer's settings (validated when the batch is prepared).</summary>
    public StyleTransferSettings Settings { get; init; } = StyleTransferSettings.Default;

    /// <inheritdoc />
    public override IEnumerable<(string Path, string Role)> Inputs =>
        Styles.SelectMany(s => s.Mask is null ? [(s.Path, "style image")] : new[] { (s.Path, "style image"), (s.Mask, "style mask") })
            .Prepend((Content, "content image"));
}

/// <summary>One style image of a <see cref="TransferBatchJob"/>.</summary>
/// <param name="Path">The image.</param>
/// <param name="Weight">Its blend weight (default 1).</param>
/// <param name="Mask">Its region mask, or null for the whole image.</param>
public sealed record BatchStyle(string Path, double Weight = 1, string? Mask = null);
