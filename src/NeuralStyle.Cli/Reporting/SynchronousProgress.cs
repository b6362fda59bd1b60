namespace NeuralStyle.Cli.Reporting;

/// <summary>An <see cref="IProgress{T}"/> that handles each report at once, on the reporting thread, in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
