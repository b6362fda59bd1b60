using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>What an <see cref="ObjectiveTerm"/> is evaluated on: one image and its activations.</summary>
/// <param name="Image">The image, <c>[1, 3, H, W]</c>, in the representation its features were taken from.</param>
/// <param name="Features">Its activations at (at least) the term's layers.</param>
/// <param name="Reference">
/// The activations of the image it is compared with, where that changes per evaluation (a fast
/// network's input crop); null where every term owns its targets (a transfer).
/// </param>
public sealed record TermInput(
    torch.Tensor Image,
    IReadOnlyDictionary<FeatureLayer, torch.Tensor> Features,
    IReadOnlyDictionary<FeatureLayer, torch.Tensor>? Reference = null);
