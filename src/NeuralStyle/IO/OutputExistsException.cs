namespace NeuralStyle.IO;

/// <summary>An output that already exists, and overwriting was not allowed: nothing was written. Hosts add how their users allow it.</summary>
public sealed class OutputExistsException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputExistsException()
    {
    }

    /// <summary>Creates the exception with a message that names the output.</summary>
    public OutputExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OutputExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
