using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>One loss of an <see cref="ObjectiveTerm"/> and the weight it enters the sum with.</summary>
/// <param name="Loss">The unweighted loss, a scalar tensor.</param>
/// <param name="Weight">Its weight in the sum: the layer's weight times the term's.</param>
/// <param name="Features">
/// The activations the loss was computed from (its gradient is normalised per layer when the
/// objective asks), or null for a loss of pixels.
/// </param>
public readonly record struct WeightedLoss(torch.Tensor Loss, double Weight, torch.Tensor? Features);
