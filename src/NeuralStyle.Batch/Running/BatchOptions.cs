using Microsoft.Extensions.Logging;
using NeuralStyle.Imaging;

namespace NeuralStyle.Batch.Running;

/// <summary>What every job of a batch shares: overwriting, the files to protect, decoding limits, the log.</summary>
public sealed record BatchOptions
{
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

    /// <summary>Decoding limits for every job's photo (default <see cref="ImageLoadOptions.Default"/>).</summary>
    public ImageLoadOptions ImageLimits { get; init; } = ImageLoadOptions.Default;

    /// <summary>Diagnostics (null: none).</summary>
    public ILogger? Logger { get; init; }
}
