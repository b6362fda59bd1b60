namespace NeuralStyle.Transfer;

/// <summary>Thrown by <c>Build()</c> when settings are invalid; lists every problem at once.</summary>
public sealed class StyleTransferConfigurationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public StyleTransferConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    public StyleTransferConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StyleTransferConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from the list of problems.</summary>
    public StyleTransferConfigurationException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems) =>
        $"The style transfer is not configured correctly ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + " - " + p));
}
