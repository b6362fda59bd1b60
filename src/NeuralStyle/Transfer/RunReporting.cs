using NeuralStyle.Configuration;

namespace NeuralStyle.Transfer;

/// <summary>
/// What one run reports and how often: a progress sink and a snapshot callback with their
/// cadences. Given to <see cref="StyleTransfer.RunAsync(RunReporting, CancellationToken)"/>, so
/// that one built transfer can be run with different sinks; checked when the run starts
/// (a negative cadence is a <see cref="StyleTransferConfigurationException"/>).
/// </summary>
public sealed record RunReporting
{
    /// <summary>The default progress cadence: every evaluation.</summary>
    public const int DefaultProgressEvery = 1;

    /// <summary>No progress, no snapshots.</summary>
    public static RunReporting None { get; } = new();

    /// <summary>Receives progress (null: none).</summary>
    public IProgress<StyleTransferProgress>? Progress { get; init; }

    /// <summary>Report progress every this many evaluations (default 1; 0 = never); the last evaluation is always reported.</summary>
    public int ProgressEvery { get; init; } = DefaultProgressEvery;

    /// <summary>Called synchronously, on the run's thread, with an intermediate image (null: none). The image is only valid during the call.</summary>
    public Action<StyleSnapshot>? Snapshot { get; init; }

    /// <summary>Take a snapshot every this many evaluations (default 0 = never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Progress every <paramref name="every"/> evaluations.</summary>
    public static RunReporting WithProgress(IProgress<StyleTransferProgress> progress, int every = DefaultProgressEvery) => new() { Progress = progress, ProgressEvery = every };

    /// <summary>Records a negative cadence; checked when a run starts.</summary>
    internal void Validate(ProblemList problems)
    {
        problems.Require(ProgressEvery >= 0, Setting.ProgressEvery, $"ProgressEvery must be 0 (never) or positive (got {ProgressEvery}).", $"Report every evaluation with {DefaultProgressEvery}.");
        SettingDescriptions.SnapshotEvery.Check(problems, SnapshotEvery);
    }

    /// <summary>Whether evaluation <paramref name="evaluation"/> (1-based) is reported; <paramref name="last"/> always is.</summary>
    internal bool ReportsProgressAt(int evaluation, bool last) =>
        Progress is not null && ProgressEvery > 0 && (evaluation % ProgressEvery == 0 || last);

    /// <summary>Whether evaluation <paramref name="evaluation"/> (1-based) takes a snapshot.</summary>
    internal bool SnapshotsAt(int evaluation) => Snapshot is not null && SnapshotEvery > 0 && evaluation % SnapshotEvery == 0;
}
