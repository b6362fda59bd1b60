using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Testing;

/// <summary>
/// A stylizer without a network (the pipeline and the batch run any <see cref="IStylizer"/>): it
/// inverts the photo, reports half-way progress, counts its calls, and names the files it is given
/// as its inputs; <see cref="During"/> runs inside each call (to cancel one part-way, say).
/// </summary>
internal sealed class TestStylizer(string identity = "invert", params (string Path, string Role)[] inputs) : IStylizer
{
    private int _calls;

    public Action? During { get; set; }

    public int Calls => _calls;

    public string Description => "a test stylizer";

    public IReadOnlyList<(string Path, string Role)> Inputs { get; } = inputs;

    public string Identity { get; } = identity;

    public Task<TransferImage> StylizeAsync(TransferImage content, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        progress?.Report(new StylizeProgress(0.5));
        During?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        Image<Rgb24> inverted = content.Color.Clone(c => c.Invert());
        return Task.FromResult(new TransferImage(inverted));
    }

    public void Dispose()
    {
    }
}
