using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Imaging;
using NeuralStyle.Runtime;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The hosted service's settings, bound from configuration (section <see cref="SectionName"/>) or
/// set in code; validated when the host starts (<see cref="NeuralStyleServiceOptionsValidator"/>).
/// </summary>
public sealed class NeuralStyleServiceOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "NeuralStyle";

    /// <summary>The largest queue accepted.</summary>
    public const int MaximumQueueCapacity = 10_000;

    /// <summary>The most concurrent jobs accepted.</summary>
    public const int MaximumDegreeOfParallelism = 64;

    /// <summary>
    /// The style of every request that names none: a built-in style's name (<c>starry-night</c>,
    /// <c>the-scream</c>, <c>shipwreck</c>) or a fast-style model file (.safetensors); loaded at
    /// start-up, shared by the workers. Required.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// More styles a request may name, besides the built-in ones: name → fast-style model file; each is
    /// loaded at start-up (a bad file stops the service). Empty by default.
    /// </summary>
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The transfers' own queue and limits.</summary>
    public PaintServiceOptions Paint { get; set; } = new();

    /// <summary>The torch device the models run on (default <see cref="TorchDevices.DefaultName"/>, <c>cpu</c>).</summary>
    public string Device { get; set; } = TorchDevices.DefaultName;

    /// <summary>Jobs waiting beyond the running ones; a full queue refuses new jobs (a web app answers 503). Default 16.</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>Jobs stylised at once (each uses the model concurrently; on a CPU, 1 leaves all cores to one job). Default 1.</summary>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>Finished jobs kept for their results, the oldest forgotten first (bounds memory). Default 256.</summary>
    public int MaxRetainedJobs { get; set; } = 256;

    /// <summary>How long a finished job and its result are kept. Default 10 minutes.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The memory limit of one job unless <see cref="Stylize"/> sets one: 1 GiB, so that the service's peak stays near 1.3 GB with one worker (docs/service.md).</summary>
    public const long DefaultJobMemoryLimitBytes = 1L << 30;

    /// <summary>
    /// How requests are stylised unless a request says otherwise (defaults: <see cref="StylizeOptions"/>',
    /// except the memory limit, <see cref="DefaultJobMemoryLimitBytes"/>: a service bounds every job).
    /// </summary>
    public StylizeOptions Stylize { get; set; } = new() { MemoryLimitBytes = DefaultJobMemoryLimitBytes };

    /// <summary>Decoding limits for uploaded images (defaults: <see cref="ImageLoadOptions"/>'); a host should also refuse oversized uploads before they reach the queue.</summary>
    public ImageLoadOptions ImageLimits { get; set; } = new();
}
