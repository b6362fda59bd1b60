using NeuralStyle.Features;
using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Transfer;

/// <summary>
/// Style targets: each style image's statistic per layer, blended by the images' weights (a
/// weighted mean), then prepared by the loss. The one implementation, used by the transfer's
/// objective and by fast-style training.
/// </summary>
internal static class StyleTargets
{
    /// <summary>The blended, prepared targets of <paramref name="styles"/> at <paramref name="layers"/>; detached tensors the caller owns.</summary>
    /// <param name="loss">The style loss whose statistic is matched.</param>
    /// <param name="styles">The style images (their masks are not used here) and blend weights.</param>
    /// <param name="layers">The style layers.</param>
    /// <param name="features">The features of one image tensor at the given layers.</param>
    public static Dictionary<FeatureLayer, torch.Tensor> Blend(
        IStyleLoss loss,
        IReadOnlyList<StyleTensor> styles,
        IReadOnlyCollection<FeatureLayer> layers,
        Func<torch.Tensor, IReadOnlyCollection<FeatureLayer>, IReadOnlyDictionary<FeatureLayer, torch.Tensor>> features)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(features);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double blendTotal = styles.Sum(s => s.Weight);
        var sums = new Dictionary<FeatureLayer, torch.Tensor>();
        foreach (StyleTensor style in styles)
        {
            foreach ((FeatureLayer layer, torch.Tensor activation) in features(style.Image, layers))
            {
                torch.Tensor statistic = loss.Statistic(activation).mul_(style.Weight / blendTotal);
                if (!sums.TryAdd(layer, statistic))
                {
                    sums[layer].add_(statistic);
                }
            }
        }

        return sums.ToDictionary(p => p.Key, p => loss.PrepareTarget(p.Value).detach().DetachFromDisposeScope());
    }
}
