using NeuralStyle.Imaging;

namespace NeuralStyle.Transfer;

/// <summary>
/// An intermediate image handed to a snapshot callback. <see cref="Image"/> is only valid during
/// the callback: save or clone it there.
/// </summary>
/// <param name="Evaluation">1-based evaluation count, over all scales.</param>
/// <param name="Losses">The objective's terms at this evaluation.</param>
/// <param name="Image">The image at this evaluation (alpha restored when the content had one).</param>
public sealed record StyleSnapshot(int Evaluation, LossBreakdown Losses, TransferImage Image);
