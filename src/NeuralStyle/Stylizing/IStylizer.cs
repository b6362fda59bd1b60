using NeuralStyle.Imaging;

namespace NeuralStyle.Stylizing;

/// <summary>
/// One way to stylise photos, its style and settings fixed when it was made: a style transfer
/// (<see cref="TransferStylizer"/>, from <see cref="Transfer.StyleTransferBuilder.BuildStylizer"/>) or a
/// trained fast-style model (<c>FastStyleModel.AsStylizer</c> in NeuralStyle.FastStyle). Every host
/// (the commands, batches, the service) runs it through <see cref="StylizePipeline"/>.
/// </summary>
public interface IStylizer : IDisposable
{
    /// <summary>What it does, for messages and logs, e.g. <c>a transfer of 'starry.jpg' with ResNet18</c>.</summary>
    string Description { get; }

    /// <summary>Every file it reads, with its role ("style image", "model file"), so that no output ever replaces one.</summary>
    IReadOnlyList<(string Path, string Role)> Inputs { get; }

    /// <summary>
    /// What it does apart from the contents of <see cref="Inputs"/> (settings, network, a built-in model's
    /// digest), as a stable text: two stylisers with the same identity and the same input files give the
    /// same result. Batches record it to skip outputs that are already up to date.
    /// </summary>
    string Identity { get; }

    /// <summary>Stylises <paramref name="content"/> (not disposed) into a new image the caller disposes.</summary>
    /// <param name="content">The photo.</param>
    /// <param name="progress">Receives the fraction done (and a transfer's losses); reported on the stylising thread.</param>
    /// <param name="cancellationToken">Checked between steps (evaluations, tiles).</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="InvalidImageException">The photo cannot be stylised (too small for the network, say).</exception>
    /// <exception cref="InsufficientMemoryException">The photo needs more memory than the stylizer's limit.</exception>
    Task<TransferImage> StylizeAsync(TransferImage content, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default);
}
