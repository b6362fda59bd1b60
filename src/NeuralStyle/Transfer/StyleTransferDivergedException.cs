namespace NeuralStyle.Transfer;

/// <summary>The loss became NaN or infinite; no image was produced.</summary>
public sealed class StyleTransferDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StyleTransferDivergedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StyleTransferDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StyleTransferDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
