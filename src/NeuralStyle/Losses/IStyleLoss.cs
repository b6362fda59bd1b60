using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// A style loss of one layer: a statistic of the style image's features (computed once, blended
/// across style images as a weighted mean), and a distance between that statistic and the image's.
/// </summary>
internal interface IStyleLoss
{
    /// <summary>
    /// The blendable statistic of a style image's features at one layer (e.g. a Gram matrix).
    /// Several style images' statistics are blended by a weighted mean and then passed to
    /// <see cref="PrepareTarget"/>.
    /// </summary>
    /// <param name="features">The activations, <c>[1, C, h, w]</c>.</param>
    torch.Tensor Statistic(torch.Tensor features);

    /// <summary>Turns a (blended) statistic into the target <see cref="Compute"/> compares with; may return <paramref name="statistic"/> itself.</summary>
    torch.Tensor PrepareTarget(torch.Tensor statistic);

    /// <summary>Returns the (unweighted) loss of one layer as a scalar tensor.</summary>
    /// <param name="features">The image's activations at the layer, <c>[1, C, h, w]</c>.</param>
    /// <param name="target">The target from <see cref="PrepareTarget"/>.</param>
    /// <param name="imageHeight">Height of the optimised image (some formulas use it).</param>
    /// <param name="imageWidth">Width of the optimised image.</param>
    /// <param name="mask">
    /// Optional weights of the layer's positions, <c>[h·w]</c> in [0, 1]: the image's statistic is
    /// computed over the masked positions only (spatial control). Null uses every position.
    /// </param>
    torch.Tensor Compute(torch.Tensor features, torch.Tensor target, long imageHeight, long imageWidth, torch.Tensor? mask = null);
}
