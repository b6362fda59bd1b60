using NeuralStyle.Imaging;

namespace NeuralStyle.Transfer;

/// <summary>The output of a transfer: the image, the loss at every evaluation and the time taken.</summary>
public sealed class StyleTransferResult : IDisposable
{
    internal StyleTransferResult(StyleImage image, IReadOnlyList<LossBreakdown> history, TimeSpan elapsed)
    {
        Image = image;
        LossHistory = history;
        Elapsed = elapsed;
    }

    /// <summary>The styled image (with the content's alpha when it had one).</summary>
    public StyleImage Image { get; }

    /// <summary>The objective's terms at every evaluation, in order.</summary>
    public IReadOnlyList<LossBreakdown> LossHistory { get; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Saves the image atomically (format from the extension: .png, .jpg, .webp).</summary>
    public void Save(string path, bool overwrite = true) => ImageWriter.Save(Image, path, overwrite);

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
