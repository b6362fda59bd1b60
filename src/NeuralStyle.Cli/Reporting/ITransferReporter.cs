using NeuralStyle.Transfer;

namespace NeuralStyle.Cli.Reporting;

/// <summary>What a transfer (<c>neural-style CONTENT STYLE</c>) reports.</summary>
internal interface ITransferReporter : IReporter
{
    /// <summary>A transfer is starting.</summary>
    void Started(RunStart start);

    /// <summary>Runs <paramref name="work"/> with a progress sink that displays transfer progress (each report carries the run's total).</summary>
    Task<T> TrackAsync<T>(Func<IProgress<StyleTransferProgress>, Task<T>> work);

    /// <summary>A numbered snapshot was written.</summary>
    void SnapshotWritten(int evaluation, string path);

    /// <summary>The transfer's result was written.</summary>
    void Finished(RunSummary summary);
}
