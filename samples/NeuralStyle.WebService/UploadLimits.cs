namespace NeuralStyle.WebService;

/// <summary>What an upload may be, checked before any decoding (configuration section <c>Upload</c>).</summary>
public sealed class UploadLimits
{
    public const string SectionName = "Upload";

    /// <summary>The largest request body, in bytes (default 8 MB); Kestrel refuses larger bodies too.</summary>
    public long MaxBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>The most pixels an upload may declare in its header (default 16 million).</summary>
    public long MaxPixels { get; set; } = 16_000_000;

    /// <summary>The largest ?size= a request may ask for (default 2048).</summary>
    public int MaxSize { get; set; } = 2048;

    /// <summary>The formats accepted, by ImageSharp's names (default PNG, JPEG, WEBP).</summary>
    public string[] Formats { get; set; } = ["PNG", "JPEG", "WEBP"];

    /// <summary>Seconds a client is told to wait when the queue is full (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
