using NeuralStyle.Configuration;

namespace NeuralStyle.Tests.Configuration;

/// <summary>A description's check of one value: the problem it records, also returned alone for hosts that report one value.</summary>
public sealed class SettingDescriptionTests
{
    [Fact]
    public void ProblemWith_is_the_problem_Check_records_and_null_inside_the_range()
    {
        SettingDescription strength = SettingDescriptions.StyleStrength;
        var recorded = new ProblemList();
        strength.Check(recorded, 1.5);

        ConfigurationProblem? problem = strength.ProblemWith(1.5);

        Assert.Equal(recorded.Items.Single(), problem);
        Assert.StartsWith("ObjectiveSettings.StyleStrength must be a finite number from 0 to 1 (got 1.5).", problem!.ToString(), StringComparison.Ordinal);
        Assert.Null(strength.ProblemWith(0.5));
        Assert.Throws<InvalidOperationException>(() => SettingDescriptions.Optimizer.ProblemWith(1));
    }
}
