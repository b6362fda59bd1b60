using NeuralStyle.Transfer;

namespace NeuralStyle.FastStyle.Training;

/// <summary>Where a training run stands after a step.</summary>
/// <param name="Step">Steps done (counting those before a resume).</param>
/// <param name="TotalSteps">The run's step budget.</param>
/// <param name="Loss">The step's weighted loss terms, averaged over the batch.</param>
/// <param name="ImagesPerSecond">Crops trained on per second in this process (a moving average).</param>
/// <param name="Elapsed">Time spent training in this process.</param>
/// <param name="Remaining">The estimated time to the last step.</param>
/// <param name="SkippedImages">Photos that could not be decoded and were skipped so far.</param>
public sealed record TrainingProgress(
    long Step,
    long TotalSteps,
    LossBreakdown Loss,
    double ImagesPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    int SkippedImages);
