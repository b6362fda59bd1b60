using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Transfer;

namespace NeuralStyle.Stylizing;

/// <summary>
/// The one way every host turns a photo into a stylised file or upload answer: guard the output →
/// load the photo (with the pipeline's decoding limits) → stylise (<see cref="IStylizer"/>) → encode →
/// write atomically. The commands, batches, <c>FastStyleModel.StylizeFile</c> and the service all run it.
/// </summary>
public sealed class StylizePipeline
{
    /// <summary>A pipeline with the given decoding limits (null: <see cref="ImageLoadOptions.Default"/>).</summary>
    /// <exception cref="StyleTransferConfigurationException">A limit is out of range.</exception>
    public StylizePipeline(ImageLoadOptions? imageLimits = null) => Loader = new ImageLoader(imageLimits);

    /// <summary>The pipeline with <see cref="ImageLoadOptions.Default"/>.</summary>
    public static StylizePipeline Default { get; } = new();

    /// <summary>Decodes every photo the pipeline reads, with its limits.</summary>
    public ImageLoader Loader { get; }

    /// <summary>
    /// Stylises the photo <paramref name="input"/> into <paramref name="output"/> (format from its
    /// extension). The output is checked before any work: never a folder or one of the files read
    /// (the photo, <see cref="IStylizer.Inputs"/>), and replaced only with <paramref name="overwrite"/>.
    /// A failure or a cancellation leaves no file.
    /// </summary>
    /// <exception cref="OutputConflictException">The output is a folder or one of the inputs.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="NotSupportedException">The output's extension is not .png, .jpg, .jpeg or .webp.</exception>
    /// <exception cref="FileNotFoundException">The photo is missing.</exception>
    /// <exception cref="InvalidImageException">The photo cannot be decoded or stylised.</exception>
    public async Task StylizeFileAsync(
        IStylizer stylizer, string input, string output, bool overwrite = false, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stylizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        Guard(stylizer, input, output, overwrite);
        byte[] encoded = await RenderAsync(stylizer, ImageSource.FromFile(input), output, progress, cancellationToken).ConfigureAwait(false);
        AtomicFile.Write(output, overwrite, encoded, cancellationToken);
    }

    /// <summary>Checks, before any work, that stylising <paramref name="input"/> may write <paramref name="output"/> (see <see cref="StylizeFileAsync"/>).</summary>
    /// <exception cref="OutputConflictException">The output is a folder or one of the inputs.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="NotSupportedException">The output's extension is not supported.</exception>
    /// <exception cref="FileNotFoundException">The photo is missing.</exception>
    public static void Guard(IStylizer stylizer, string input, string output, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(stylizer);
        OutputGuard.EnsureWritable(output, [(input, "photo"), .. stylizer.Inputs], overwrite);
        ImageWriter.EnsureSupported(output);
        InputFile.EnsureExists(input, "photo");
    }

    /// <summary>Loads <paramref name="content"/>, stylises it and encodes the result in the format <paramref name="format"/> names (a path or an extension).</summary>
    /// <returns>The encoded image.</returns>
    /// <exception cref="NotSupportedException">The format is not .png, .jpg, .jpeg or .webp.</exception>
    /// <exception cref="InvalidImageException">The photo cannot be decoded or stylised.</exception>
    /// <exception cref="ImageTooLargeException">The photo is over the pipeline's limits.</exception>
    public async Task<byte[]> RenderAsync(
        IStylizer stylizer, ImageSource content, string format, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stylizer);
        ArgumentNullException.ThrowIfNull(content);
        ImageWriter.EnsureSupported(format);
        cancellationToken.ThrowIfCancellationRequested();
        using TransferImage photo = content.Load(Loader);
        using TransferImage result = await StylizeAsync(stylizer, photo, content, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        using var encoded = new MemoryStream();
        ImageWriter.Encode(result, format, encoded);
        progress?.Report(new StylizeProgress(1));
        return encoded.ToArray();
    }

    /// <summary>Runs the stylizer; a photo it cannot take (too small for the network, say) is named by its file.</summary>
    private static async Task<TransferImage> StylizeAsync(IStylizer stylizer, TransferImage photo, ImageSource content, IProgress<StylizeProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await stylizer.StylizeAsync(photo, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidImageException e) when (content.FilePath is string path)
        {
            throw new InvalidImageException($"The photo '{path}' cannot be stylised: {e.Message}", e);
        }
    }
}
