using NeuralStyle.Configuration;

namespace NeuralStyle.Transfer;

/// <summary>Thrown by <c>Build()</c> (and at a run's start, for its reporting) when the configuration is invalid; lists every problem at once.</summary>
public sealed class StyleTransferConfigurationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public StyleTransferConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a single message about the settings as a whole.</summary>
    public StyleTransferConfigurationException(string message)
        : this([new ConfigurationProblem(Setting.Settings, message, string.Empty)])
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StyleTransferConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigurationProblem(Setting.Settings, message, string.Empty)];
    }

    /// <summary>Creates the exception from the list of problems.</summary>
    public StyleTransferConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(Format(problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem found: where, what, and how to fix it.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string Format(IReadOnlyList<ConfigurationProblem> problems) =>
        $"The style transfer is not configured correctly ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + " - " + p));
}
