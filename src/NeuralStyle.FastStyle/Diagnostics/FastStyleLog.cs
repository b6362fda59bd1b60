using Microsoft.Extensions.Logging;

namespace NeuralStyle.FastStyle.Diagnostics;

/// <summary>Source-generated log messages of fast-style training.</summary>
internal static partial class FastStyleLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Fast-style training: {Photos} photos, {Network}, {Size} px crops, batch {Batch}, steps {First} to {Steps}, {Precision} style network, loss network {LossNetwork}")]
    public static partial void Starting(ILogger logger, int photos, string network, int size, int batch, long first, int steps, string precision, string lossNetwork);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Skipped training photo {File}: {Reason}")]
    public static partial void PhotoSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Checkpoint at step {Step} written to {Path}")]
    public static partial void CheckpointWritten(ILogger logger, long step, string path);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Resuming from the checkpoint {Path} at step {Step}")]
    public static partial void Resuming(ILogger logger, string path, long step);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug,
        Message = "Step {Step}/{Steps}: total {Loss:G6} (content {Content:G6}, style {Style:G6}, tv {Tv:G6}), {ImagesPerSecond:F2} images/s")]
    public static partial void Stepped(ILogger logger, long step, int steps, double loss, double content, double style, double tv, double imagesPerSecond);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Fast-style training finished: {Steps} steps in {Seconds:F1} s")]
    public static partial void Finished(ILogger logger, long steps, double seconds);
}
