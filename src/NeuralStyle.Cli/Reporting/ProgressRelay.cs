namespace NeuralStyle.Cli.Reporting;

/// <summary>
/// An <see cref="IProgress{T}"/> fixed when a transfer is built whose destination is chosen later,
/// when the reporter's display starts; reports before that are dropped.
/// </summary>
internal sealed class ProgressRelay<T> : IProgress<T>
{
    public IProgress<T>? Target { get; set; }

    public void Report(T value) => Target?.Report(value);
}
