namespace NeuralStyle.Stylizing;

/// <summary>
/// An <see cref="IProgress{T}"/> that handles each report at once, on the reporting thread, in order
/// (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context).
/// </summary>
/// <typeparam name="T">The report.</typeparam>
/// <param name="handler">Called with each report.</param>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
