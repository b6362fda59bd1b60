namespace NeuralStyle.IO;

/// <summary>
/// An output path that must not be written: it is one of the run's inputs (through links, with or
/// without overwriting allowed), or an existing folder. Nothing was written.
/// </summary>
public sealed class OutputConflictException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputConflictException()
    {
    }

    /// <summary>Creates the exception with a message that names the output and what it clashes with.</summary>
    public OutputConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OutputConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
