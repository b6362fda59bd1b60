using Microsoft.Extensions.Logging;

namespace NeuralStyle.Batch.Diagnostics;

/// <summary>Source-generated log messages of batch runs.</summary>
internal static partial class BatchLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Batch: {Jobs} of {Total} jobs in shard {Shard}")]
    public static partial void Starting(ILogger logger, int jobs, int total, string shard);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Job {Job}: {State} in {Milliseconds:F0} ms")]
    public static partial void JobEnded(ILogger logger, string job, string state, double milliseconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Job {Job} failed: {Error}")]
    public static partial void JobFailed(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Removed {Count} temporary file(s) a killed run left beside {Output}")]
    public static partial void StaleRemoved(ILogger logger, int count, string output);
}
