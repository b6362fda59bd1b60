using NeuralStyle.Weights;

namespace NeuralStyle.Cli.Reporting;

/// <summary>What <c>neural-style weights download</c> reports.</summary>
internal interface IDownloadReporter : IReporter
{
    /// <summary>Runs <paramref name="work"/> with a progress sink that displays download progress.</summary>
    Task<T> TrackDownloadAsync<T>(string what, Func<IProgress<DownloadProgress>, Task<T>> work);

    /// <summary>A download finished.</summary>
    void Downloaded(string path);
}
