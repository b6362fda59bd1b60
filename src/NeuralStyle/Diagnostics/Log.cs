using Microsoft.Extensions.Logging;

namespace NeuralStyle.Diagnostics;

/// <summary>Source-generated log messages of the library.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Style transfer: {Width}x{Height}, {Styles} style image(s), {Extractor}, {Optimizer}, {Evaluations} evaluations")]
    public static partial void Starting(ILogger logger, int width, int height, int styles, string extractor, string optimizer, int evaluations);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Targets computed in {Milliseconds} ms")]
    public static partial void TargetsComputed(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Evaluation {Evaluation}/{Total}: total {Loss:G6} (content {Content:G6}, style {Style:G6}, tv {Tv:G6})")]
    public static partial void Evaluated(ILogger logger, int evaluation, int total, double loss, double content, double style, double tv);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Style transfer finished: {Evaluations} evaluations in {Seconds:F1} s, final loss {Loss:G6}")]
    public static partial void Finished(ILogger logger, int evaluations, double seconds, double loss);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The loss became {Loss} at evaluation {Evaluation}")]
    public static partial void Diverged(ILogger logger, double loss, int evaluation);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Downloading {Url} (starting at byte {Offset})")]
    public static partial void WeightsDownloading(ILogger logger, Uri url, long offset);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Downloaded and verified {FileName} into {Path}")]
    public static partial void WeightsDownloaded(ILogger logger, string fileName, string path);
}
