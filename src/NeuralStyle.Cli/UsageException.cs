namespace NeuralStyle.Cli;

/// <summary>A command line that the library would accept but the command cannot carry out (exit code 2), e.g. an output that is one of the inputs.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
