using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.IO;

namespace NeuralStyle.Batch.Records;

/// <summary>
/// What a batch recorded about one output, in a hidden file beside it
/// (<c>.NAME.neuralstyle-job.json</c>): the settings hash, the output's own SHA-256 when it was
/// written, or the error when the job failed. Written atomically before the output is moved into
/// place, so after a kill at any moment either the output and its record agree (the job is done)
/// or the output is absent or stale and the job runs again.
/// </summary>
internal sealed record JobRecord
{
    /// <summary>The record format.</summary>
    public const string CurrentFormat = "neuralstyle-batch-job/1";

    public string Format { get; init; } = CurrentFormat;

    public required JobState State { get; init; }

    /// <summary>The job's settings hash (<see cref="JobFingerprint"/>).</summary>
    public required string Settings { get; init; }

    /// <summary>SHA-256 of the output's bytes (done jobs).</summary>
    public string? Output { get; init; }

    /// <summary>The manifest line.</summary>
    public int Line { get; init; }

    /// <summary>Why the job failed (failed jobs).</summary>
    public string? Error { get; init; }

    public DateTimeOffset Finished { get; init; }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) }, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The record's path for <paramref name="output"/>.</summary>
    public static string PathFor(string output)
    {
        string full = System.IO.Path.GetFullPath(output);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.neuralstyle-job.json");
    }

    /// <summary>The record beside <paramref name="output"/>; null when there is none. An unreadable record (not ours, or damaged) reads as <see cref="JobState.Unknown"/>.</summary>
    public static JobRecord? Read(string output)
    {
        string path = PathFor(output);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            JobRecord? record = JsonSerializer.Deserialize<JobRecord>(File.ReadAllBytes(path), Json);
            return record is { Format: CurrentFormat } ? record : Unknown;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return Unknown;
        }
    }

    /// <summary>Writes this record beside <paramref name="output"/>, atomically.</summary>
    public void Write(string output, CancellationToken cancellationToken) =>
        AtomicFile.Write(PathFor(output), overwrite: true, stream => JsonSerializer.Serialize(stream, this, Json), cancellationToken);

    private static JobRecord Unknown { get; } = new() { State = JobState.Unknown, Settings = string.Empty };
}

/// <summary>The state a <see cref="JobRecord"/> records.</summary>
internal enum JobState
{
    /// <summary>A record that could not be read.</summary>
    Unknown,

    /// <summary>The output was written with the recorded settings.</summary>
    Done,

    /// <summary>The job failed with the recorded error.</summary>
    Failed,
}
