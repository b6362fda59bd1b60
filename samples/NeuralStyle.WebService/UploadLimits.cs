using SixLabors.ImageSharp.Formats;

namespace NeuralStyle.WebService;

/// <summary>
/// What an upload may be, checked before any decoding (configuration section <c>Upload</c>). Its pixels
/// are the service's own limit, <c>NeuralStyle:ImageLimits:MaxPixels</c>: one limit for admission and decoding.
/// </summary>
public sealed class UploadLimits
{
    public const string SectionName = "Upload";

    /// <summary>The formats accepted when <see cref="Formats"/> names none.</summary>
    public static IReadOnlyList<string> DefaultFormats { get; } = ["PNG", "JPEG", "WEBP"];

    /// <summary>The largest request body, in bytes (default 8 MB); Kestrel refuses larger bodies too.</summary>
    public long MaxBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>The largest ?size= a request may ask for (default 2048).</summary>
    public int MaxSize { get; set; } = 2048;

    /// <summary>
    /// The formats accepted, by ImageSharp's names; empty (the default) accepts <see cref="DefaultFormats"/>.
    /// Empty rather than the defaults themselves: configuration binding appends to an array that has items,
    /// so <c>Upload:Formats:0=PNG</c> could never narrow them.
    /// </summary>
    public string[] Formats { get; set; } = [];

    /// <summary>Seconds a client is told to wait when the queue is full (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>The formats in force: <see cref="Formats"/>, or <see cref="DefaultFormats"/> when it names none.</summary>
    public IReadOnlyList<string> AcceptedFormats => Formats is { Length: > 0 } ? Formats : DefaultFormats;

    /// <summary>The accepted formats as a person reads them: "PNG, JPEG, WEBP".</summary>
    public string FormatList => string.Join(", ", AcceptedFormats);

    /// <summary>The accepted formats' media types, for a file input's <c>accept</c>.</summary>
    public IEnumerable<string> MediaTypes => AcceptedFormats.Select(Known).OfType<IImageFormat>().Select(f => f.DefaultMimeType);

    /// <summary>ImageSharp's format of that name, or null when it has none.</summary>
    internal static IImageFormat? Known(string name) =>
        SixLabors.ImageSharp.Configuration.Default.ImageFormats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
