using Microsoft.Extensions.Logging;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using TorchSharp;

namespace NeuralStyle.Batch.Running;

/// <summary>What every job of a batch shares: the feature extractor, the device, overwriting, the log.</summary>
public sealed record BatchOptions
{
    /// <summary>
    /// The feature extractor of every <see cref="Jobs.TransferBatchJob"/>, loaded once by the caller
    /// (who disposes it after the batch); null when the batch has only fast-style jobs.
    /// </summary>
    public IFeatureExtractor? Extractor { get; init; }

    /// <summary>
    /// What identifies the extractor's weights in the settings hash (e.g. its name and weights file);
    /// null uses <see cref="IFeatureExtractor.Name"/>. Outputs made with other weights are redone.
    /// </summary>
    public string? ExtractorIdentity { get; init; }

    /// <summary>The device fast-style models are loaded on (null: the CPU).</summary>
    public torch.Device? Device { get; init; }

    /// <summary>
    /// Replace an output that exists but was not written by a batch (no record beside it). Outputs
    /// a batch wrote are redone without it when their settings changed, and skipped when they did not.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Files the batch reads besides its jobs' inputs, which no output or job record may replace:
    /// the manifest the jobs came from, say. Empty by default.
    /// </summary>
    public IReadOnlyList<string> ProtectedFiles { get; init; } = [];

    /// <summary>Decoding limits for every job's images, transfers and fast-style jobs alike (default <see cref="ImageLoadOptions.Default"/>).</summary>
    public ImageLoadOptions ImageLimits { get; init; } = ImageLoadOptions.Default;

    /// <summary>Diagnostics (null: none).</summary>
    public ILogger? Logger { get; init; }
}
