using NeuralStyle.Configuration;

namespace NeuralStyle.Tests.Transfer;

/// <summary>What one validation records.</summary>
internal static class Problems
{
    /// <summary>The problems <paramref name="validate"/> records.</summary>
    public static IReadOnlyList<ConfigurationProblem> Of(Action<ProblemList> validate)
    {
        var problems = new ProblemList();
        validate(problems);
        return problems.Items;
    }
}
