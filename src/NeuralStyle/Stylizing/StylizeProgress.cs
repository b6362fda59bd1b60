using NeuralStyle.Transfer;

namespace NeuralStyle.Stylizing;

/// <summary>How far one stylisation is.</summary>
/// <param name="Fraction">From 0 (started) to 1 (done).</param>
public sealed record StylizeProgress(double Fraction)
{
    /// <summary>A transfer's own progress (evaluation, losses, time left); null for a fast model.</summary>
    public StyleTransferProgress? Transfer { get; init; }
}
