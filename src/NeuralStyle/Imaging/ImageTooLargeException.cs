namespace NeuralStyle.Imaging;

/// <summary>An image declares more pixels than <see cref="ImageLoadOptions.MaxPixels"/> allows (a possible decompression bomb).</summary>
public sealed class ImageTooLargeException : InvalidImageException
{
    /// <summary>Creates the exception.</summary>
    public ImageTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ImageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
