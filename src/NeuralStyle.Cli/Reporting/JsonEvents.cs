using System.Text.Json.Serialization;

namespace NeuralStyle.Cli.Reporting;

/// <summary>One line of <c>--json</c> output.</summary>
/// <param name="Event">start, progress, snapshot, done, downloaded, training, style, wrote, batch-start, job, batch-done or error.</param>
internal abstract record JsonEvent([property: JsonPropertyOrder(-1)] string Event);

internal sealed record StartEvent(string Content, IReadOnlyList<string> Styles, string Backbone, int Evaluations, bool MultiScale, string Optimizer)
    : JsonEvent("start");

internal sealed record ProgressEvent(int Evaluation, int Total, double Loss, double Content, double Style, double TotalVariation, double ElapsedSeconds, double EtaSeconds)
    : JsonEvent("progress");

internal sealed record DownloadEvent(long Bytes, long? TotalBytes, bool Resumed)
    : JsonEvent("download");

internal sealed record SnapshotEvent(int Evaluation, string Path)
    : JsonEvent("snapshot");

internal sealed record DoneEvent(string Output, int Width, int Height, int Evaluations, double Seconds, double InitialLoss, double FinalLoss)
    : JsonEvent("done");

internal sealed record DownloadedEvent(string Path)
    : JsonEvent("downloaded");

internal sealed record TrainingEvent(
    long Step, long Total, double Loss, double Content, double Style, double TotalVariation, double ImagesPerSecond, double ElapsedSeconds, double EtaSeconds, int Skipped)
    : JsonEvent("training");

internal sealed record StyleEvent(string Name, string Painting, string Training)
    : JsonEvent("style");

internal sealed record WroteEvent(string Path, string What)
    : JsonEvent("wrote");

internal sealed record BatchStartEvent(string Shard, string ShardSource, int Jobs, int TotalJobs)
    : JsonEvent("batch-start");

internal sealed record JobEvent(int Line, string Output, string State, int Completed, int Total, double Seconds, string? Error)
    : JsonEvent("job");

internal sealed record BatchDoneEvent(string Shard, int Done, int Skipped, int Failed, double Seconds)
    : JsonEvent("batch-done");

internal sealed record ErrorEvent(int ExitCode, string Kind, string Message)
    : JsonEvent("error");

/// <summary>Source-generated serialisation of the JSON events (camelCase, one line each).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(StartEvent))]
[JsonSerializable(typeof(ProgressEvent))]
[JsonSerializable(typeof(DownloadEvent))]
[JsonSerializable(typeof(SnapshotEvent))]
[JsonSerializable(typeof(DoneEvent))]
[JsonSerializable(typeof(DownloadedEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(TrainingEvent))]
[JsonSerializable(typeof(WroteEvent))]
[JsonSerializable(typeof(StyleEvent))]
[JsonSerializable(typeof(BatchStartEvent))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(BatchDoneEvent))]
internal sealed partial class JsonEventContext : JsonSerializerContext;
