namespace NeuralStyle.Testing;

/// <summary>An <see cref="IProgress{T}"/> that handles each report at once, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
