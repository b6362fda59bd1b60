using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;

namespace NeuralStyle.FastStyle.Model;

/// <summary>
/// A fast-style model with its <see cref="StylizeOptions"/> fixed (validated once, when made by
/// <see cref="FastStyleModel.AsStylizer"/>): one network pass a photo. Safe to call from several
/// threads at once. Does not own the model: dispose the model when every stylizer made from it is done.
/// </summary>
public sealed class FastStylizer : IStylizer
{
    private readonly FastStyleModel _model;

    internal FastStylizer(FastStyleModel model, StylizeOptions options)
    {
        _model = model;
        Options = options;
        Inputs = model.SourcePath is string path ? [(path, "model file")] : [];
        Description = $"the fast-style model {model.Source}";
        Identity = NeuralStyle.Stylizing.StylizerIdentity.Of("fast-style", new { Model = model.Digest, Options = options });
    }

    /// <summary>How every photo is stylised.</summary>
    public StylizeOptions Options { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Path, string Role)> Inputs { get; }

    /// <inheritdoc />
    public string Identity { get; }

    /// <summary>
    /// Stylises <paramref name="content"/> on the calling thread (a second or so; hosts call it from their
    /// own workers) and returns the completed task: no thread hop, so the native allocations of a
    /// service's jobs stay on its few worker threads (with a hop per job, the resident size of the
    /// load test doubled).
    /// </summary>
    /// <inheritdoc cref="IStylizer.StylizeAsync"/>
    public Task<TransferImage> StylizeAsync(TransferImage content, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return Task.FromResult(_model.Stylize(content, Options, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TransferImage>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<TransferImage>(e);
        }
    }

    /// <summary>Does nothing: the model is its owner's.</summary>
    public void Dispose()
    {
    }
}
