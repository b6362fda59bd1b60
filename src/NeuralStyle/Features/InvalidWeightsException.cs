namespace NeuralStyle.Features;

/// <summary>A weights file is missing, unreadable, truncated, of the wrong architecture or holds invalid values.</summary>
public sealed class InvalidWeightsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidWeightsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidWeightsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidWeightsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
