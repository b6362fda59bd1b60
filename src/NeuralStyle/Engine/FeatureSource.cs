using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>The activations of <paramref name="layers"/> for an image tensor (<c>[N, 3, H, W]</c>), e.g. <see cref="FeatureExtractorExtensions.ExtractRgb"/>.</summary>
/// <param name="image">The image, in the representation the source expects.</param>
/// <param name="layers">The layers to return.</param>
public delegate IReadOnlyDictionary<FeatureLayer, torch.Tensor> FeatureSource(torch.Tensor image, IReadOnlyCollection<FeatureLayer> layers);
