using NeuralStyle.Configuration;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The service's transfers (<see cref="Jobs.StylizationMethod.Paint"/>): a transfer takes minutes, so
/// it has its own queue and one worker, and its own size limits. Bound from <c>NeuralStyle:Paint</c>.
/// </summary>
public sealed class PaintServiceOptions
{
    /// <summary>
    /// The smallest longest side a painting may have: the painting is scaled with the photo, and the
    /// ResNet18's deepest style layer needs 32 px on each side of it (a 512x320 painting at 64 px is 64x40).
    /// </summary>
    public const int MinimumSize = 64;

    /// <summary>The largest queue accepted.</summary>
    public const int MaximumQueueCapacity = 1_000;

    /// <summary>Whether the service paints at all (default true); when false, paint requests are refused.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Transfers waiting beyond the running one; a full queue refuses new ones. Default 4.</summary>
    public int QueueCapacity { get; set; } = 4;

    /// <summary>The result's longest side when a request gives none. Default 384.</summary>
    public int Size { get; set; } = 384;

    /// <summary>The largest longest side a request may ask for. Default 768.</summary>
    public int MaxSize { get; set; } = 768;

    /// <summary>Evaluations of each transfer; null uses the default preset's (<see cref="StyleTransferSettings.Default"/>).</summary>
    public int? Evaluations { get; set; }

    /// <summary>The ResNet18 ONNX model to paint with; null uses the one NeuralStyle.ResNet18 ships.</summary>
    public string? ExtractorModelPath { get; set; }
}
