using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>What <see cref="StyleOptimizer"/>'s <c>Optimize</c> returns.</summary>
internal sealed class StyleOptimizationResult : IDisposable
{
    public StyleOptimizationResult(torch.Tensor image, IReadOnlyList<LossBreakdown> history, TimeSpan elapsed)
    {
        Image = image;
        LossHistory = history;
        Elapsed = elapsed;
    }

    /// <summary>The optimised image, RGB in [0, 1] (not clamped), <c>[1, 3, H, W]</c>.</summary>
    public torch.Tensor Image { get; }

    /// <summary>The objective's terms at every evaluation.</summary>
    public IReadOnlyList<LossBreakdown> LossHistory { get; }

    /// <summary>Time from targets to the end of the optimisation.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
