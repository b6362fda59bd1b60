namespace NeuralStyle.Imaging;

/// <summary>An input image could not be read: missing, empty, corrupt, truncated or of an unsupported format.</summary>
public class InvalidImageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidImageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
