namespace NeuralStyle.Hosting.Jobs;

/// <summary>Where a <see cref="StylizationJob"/> is.</summary>
public enum StylizationState
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>Being stylised.</summary>
    Running,

    /// <summary>Done: <see cref="StylizationJob.Result"/> holds the encoded image.</summary>
    Succeeded,

    /// <summary>Failed: <see cref="StylizationJob.Error"/> says why (a corrupt or oversized image, say).</summary>
    Failed,

    /// <summary>Stopped because the host shut down.</summary>
    Cancelled,
}
