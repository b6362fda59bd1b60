using NeuralStyle.Configuration;

namespace NeuralStyle.Batch.Running;

/// <summary>What is wrong with one job, found before any work starts.</summary>
/// <param name="Line">The job's manifest line (0 when it has none).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Setting">The library setting at fault, when it is one (hosts map it to their option's name).</param>
public sealed record BatchProblem(int Line, string Message, Setting? Setting = null)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
