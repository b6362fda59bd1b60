using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>A style image as a tensor, its blend weight and an optional region mask.</summary>
/// <param name="Image">The style image, <c>[1, 3, h, w]</c> (any size), in the objective's space.</param>
/// <param name="Weight">
/// Blend weight. Styles without a mask share one target, the weighted mean of their statistics;
/// a masked style's loss is multiplied by its weight.
/// </param>
/// <param name="Mask">
/// Null to style the whole image; otherwise <c>[1, 1, H, W]</c> weights in [0, 1] at the content's
/// size: this style is matched only over the masked positions (spatial control), its statistics
/// taken over them at every style layer.
/// </param>
public sealed record StyleTensor(torch.Tensor Image, double Weight = 1, torch.Tensor? Mask = null);
