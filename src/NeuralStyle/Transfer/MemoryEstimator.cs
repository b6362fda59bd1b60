using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Optimization;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// Estimates a transfer's peak resident memory before it starts, so that an impossible size fails
/// at once with a clear message instead of exhausting the machine. Activations are measured by
/// running the backbone once on a small probe image (under no_grad) and scaling by the pixel
/// count; the optimiser's state is exact (an L-BFGS history of m pairs keeps 2m image-sized
/// vectors). With <see cref="MemorySettings.Tiling"/> the activations are one tile's plus the
/// full-size maps of the objective's layers. Calibrated against measured peak RSS on CPU (docs/performance-log.md).
/// </summary>
internal static class MemoryEstimator
{
    private const int ProbeSide = 64;

    /// <summary>Full-size copies of each objective layer a tiled evaluation holds: the assembled map, its gradient and the loss's temporaries.</summary>
    private const double AssembledCopies = 3;

    /// <summary>Estimates the peak memory of optimising a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <param name="extractor">The backbone.</param>
    /// <param name="objective">The objective (its deepest layer bounds the forward pass).</param>
    /// <param name="settings">The optimiser (its state is image-sized), the evaluation budget (bounds how full the L-BFGS history gets) and the tiling.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="stylePixels">
    /// The largest style image's pixels at its working size: its targets are computed by a full pass
    /// of the network before the optimisation starts (a style scale of 8 makes it 64 times the output's).
    /// </param>
    public static MemoryEstimate Estimate(IFeatureExtractor extractor, ResolvedObjective objective, StyleTransferSettings settings, int width, int height, double stylePixels = 0)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerSettings optimizer = settings.Optimization.Optimizer;
        int iterations = settings.Optimization.Evaluations;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        double pixels = (double)width * height;
        long elementSize;
        using (torch.Tensor empty = torch.empty(0, extractor.DataType))
        {
            elementSize = empty.element_size();
        }

        long imageVector = 3L * width * height * elementSize;
        ExtractorMemoryProfile profile = extractor.MemoryProfile;
        IReadOnlyDictionary<FeatureLayer, double> perPixel = BytesPerPixel(extractor, objective);
        double networkPixels = pixels, assembledBytes = 0;
        if (settings.Memory.Tiling is TilingSettings tiling && (width > tiling.TileSize || height > tiling.TileSize))
        {
            // One tile's activations, plus the full-size maps of the objective's layers and their gradients.
            int extent = tiling.TileSize + (2 * tiling.Halo);
            networkPixels = (double)Math.Min(width, extent) * Math.Min(height, extent);
            assembledBytes = AssembledCopies * pixels * objective.Layers.Sum(l => perPixel[l]);
        }

        // The style targets' pass comes first and is freed before the optimisation's: the larger of the two.
        long activations = (long)Math.Max(
            (perPixel.Values.Sum() * networkPixels * profile.ActivationFactor) + assembledBytes,
            perPixel.Values.Sum() * stylePixels * profile.ActivationFactor);
        int historyPairs = optimizer.Kind == OptimizerKind.Lbfgs ? Math.Min(optimizer.HistorySize, Math.Max(iterations, 1)) : 0;
        long stateVectors = optimizer.Kind switch
        {
            OptimizerKind.Lbfgs => (2L * historyPairs) + 6,
            OptimizerKind.Adam => 5,
            _ => 3,
        };
        long optimizerBytes = (stateVectors + 4) * imageVector;
        return new MemoryEstimate(profile.BaselineBytes, activations, optimizerBytes);
    }

    /// <summary>Bytes per input pixel of each layer's output up to the objective's deepest layer, from one probe.</summary>
    private static Dictionary<FeatureLayer, double> BytesPerPixel(IFeatureExtractor extractor, ResolvedObjective objective)
    {
        int deepest = objective.Deepest.Depth;
        FeatureLayer[] layers = extractor.Layers.Where(l => l.Depth <= deepest).ToArray();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.Tensor probe = torch.zeros([1, 3, ProbeSide, ProbeSide], extractor.DataType, extractor.Device);
        return extractor.ExtractNormalized(probe, layers)
            .ToDictionary(p => p.Key, p => (double)p.Value.numel() * probe.element_size() / (ProbeSide * ProbeSide));
    }
}
