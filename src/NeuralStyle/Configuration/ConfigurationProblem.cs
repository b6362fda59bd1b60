namespace NeuralStyle.Configuration;

/// <summary>One thing wrong with a transfer's configuration: where, what, and how to fix it.</summary>
/// <param name="Setting">The setting or input at fault.</param>
/// <param name="Message">What is wrong, with the value found, e.g. <c>Evaluations must be at least 1 (got 0).</c></param>
/// <param name="Fix">How to put it right, e.g. <c>Give a positive evaluation budget.</c></param>
public sealed record ConfigurationProblem(Setting Setting, string Message, string Fix)
{
    /// <summary>The setting or input at fault (never null).</summary>
    public Setting Setting { get; init; } = Setting ?? throw new ArgumentNullException(nameof(Setting), "A problem names the setting at fault: a Setting's static member or a package's own key.");

    /// <summary>Values of other settings that would put it right (each host writes them in its own terms); empty when there are none.</summary>
    public IReadOnlyList<SettingValue> Suggestions { get; init; } = [];

    /// <summary>The message followed by the fix and the values to try, in the API's terms.</summary>
    public override string ToString() => Describe(string.Join(", ", Suggestions));

    /// <summary>The message followed by the fix and the values to try, written by <paramref name="write"/> (a host's terms: <c>--width 0.5</c>).</summary>
    /// <param name="write">How the host writes one suggested value.</param>
    /// <param name="separator">Between two suggested values.</param>
    public string ToString(Func<SettingValue, string> write, string separator)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Describe(string.Join(separator, Suggestions.Select(write)));
    }

    private string Describe(string tried)
    {
        string text = string.IsNullOrEmpty(Fix) ? Message : $"{Message} {Fix}";
        return Suggestions.Count == 0 ? text : $"{text} ({tried})";
    }
}
