using NeuralStyle.Imaging;

namespace NeuralStyle.Transfer;

/// <summary>The output of a transfer: the image, the loss at every evaluation and the time taken.</summary>
public sealed class StyleTransferResult : IDisposable
{
    internal StyleTransferResult(TransferImage image, IReadOnlyList<LossBreakdown> history, TimeSpan elapsed)
    {
        Image = image;
        LossHistory = history;
        Elapsed = elapsed;
    }

    /// <summary>The styled image (with the content's alpha when it had one).</summary>
    public TransferImage Image { get; }

    /// <summary>The objective's terms at every evaluation, in order.</summary>
    public IReadOnlyList<LossBreakdown> LossHistory { get; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Saves the image atomically (format from the extension: .png, .jpg, .webp); see <see cref="ImageWriter.Save"/>.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="overwrite">When false (the default), an existing file is an error and is left untouched.</param>
    /// <param name="cancellationToken">Cancels the save; nothing is left behind.</param>
    public void Save(string path, bool overwrite = false, CancellationToken cancellationToken = default) => ImageWriter.Save(Image, path, overwrite, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
