using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>An <see cref="Objective"/>'s value: its three weighted sums (scalar tensors) and every loss they were summed from.</summary>
public sealed class ObjectiveEvaluation
{
    internal ObjectiveEvaluation(torch.Tensor content, torch.Tensor style, torch.Tensor totalVariation, IReadOnlyList<WeightedLoss> losses)
    {
        Content = content;
        Style = style;
        TotalVariation = totalVariation;
        Losses = losses;
    }

    /// <summary>The weighted content losses' sum.</summary>
    public torch.Tensor Content { get; }

    /// <summary>The weighted style losses' sum.</summary>
    public torch.Tensor Style { get; }

    /// <summary>The weighted total variation losses' sum.</summary>
    public torch.Tensor TotalVariation { get; }

    /// <summary>Every weighted loss, in the order the terms gave them (image by image).</summary>
    public IReadOnlyList<WeightedLoss> Losses { get; }
}
