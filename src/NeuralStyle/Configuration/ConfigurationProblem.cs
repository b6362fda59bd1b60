namespace NeuralStyle.Configuration;

/// <summary>One thing wrong with a transfer's configuration: where, what, and how to fix it.</summary>
/// <param name="Setting">The setting or input at fault.</param>
/// <param name="Message">What is wrong, with the value found, e.g. <c>Evaluations must be at least 1 (got 0).</c></param>
/// <param name="Fix">How to put it right, e.g. <c>Give a positive evaluation budget.</c></param>
public sealed record ConfigurationProblem(Setting Setting, string Message, string Fix)
{
    /// <summary>The message followed by the fix.</summary>
    public override string ToString() => string.IsNullOrEmpty(Fix) ? Message : $"{Message} {Fix}";
}
