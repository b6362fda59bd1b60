namespace NeuralStyle.Weights;

/// <summary>Progress of a weights download.</summary>
/// <param name="BytesReceived">Bytes on disk so far (including a resumed part).</param>
/// <param name="TotalBytes">The full size when the server says it; otherwise null.</param>
/// <param name="Resumed">True when the download continued a partial file.</param>
public sealed record DownloadProgress(long BytesReceived, long? TotalBytes, bool Resumed);
