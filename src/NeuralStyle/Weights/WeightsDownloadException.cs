namespace NeuralStyle.Weights;

/// <summary>A weights download failed (network, server, interrupted transfer or hash mismatch); the message says what to do.</summary>
public sealed class WeightsDownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WeightsDownloadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WeightsDownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WeightsDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
