using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.Cli.Reporting;

/// <summary>What <c>neural-style train</c> reports.</summary>
internal interface ITrainingReporter : IReporter
{
    /// <summary>Runs <paramref name="work"/> with a progress sink that displays training progress.</summary>
    Task<T> TrackTrainingAsync<T>(string what, Func<IProgress<TrainingProgress>, Task<T>> work);
}
