namespace NeuralStyle.Configuration;

/// <summary>
/// Collects <see cref="ConfigurationProblem"/>s: the one way every settings record, input and
/// extractor check reports what is wrong, so that <c>Build()</c> can list them all at once.
/// </summary>
public sealed class ProblemList
{
    private readonly List<ConfigurationProblem> _problems = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<ConfigurationProblem> Items => _problems;

    /// <summary>True when nothing is wrong.</summary>
    public bool IsEmpty => _problems.Count == 0;

    /// <summary>Records a problem.</summary>
    /// <param name="setting">The setting at fault.</param>
    /// <param name="message">What is wrong, with the value found.</param>
    /// <param name="fix">How to put it right.</param>
    /// <param name="suggestions">Values of other settings that would put it right.</param>
    public void Add(Setting setting, string message, string fix, params SettingValue[] suggestions) =>
        _problems.Add(new ConfigurationProblem(setting, message, fix) { Suggestions = suggestions });

    /// <summary>Records a problem unless <paramref name="path"/> is a file that exists (<see cref="NeuralStyle.IO.InputFile"/>'s rule).</summary>
    public void RequireFile(string? path, Setting setting, string what)
    {
        if (NeuralStyle.IO.InputFile.Describe(path, what) is (string message, string fix))
        {
            Add(setting, message, fix);
        }
    }

    /// <summary>Records a problem unless <paramref name="valid"/>.</summary>
    /// <param name="valid">Whether the value is valid.</param>
    /// <param name="setting">The setting at fault.</param>
    /// <param name="message">What is wrong, with the value found.</param>
    /// <param name="fix">How to put it right.</param>
    /// <param name="suggestions">Values of other settings that would put it right.</param>
    public void Require(bool valid, Setting setting, string message, string fix, params SettingValue[] suggestions)
    {
        if (!valid)
        {
            Add(setting, message, fix, suggestions);
        }
    }

    /// <summary>Records a problem unless <paramref name="value"/> is a defined member of its enum.</summary>
    public void RequireDefined<TEnum>(TEnum value, Setting setting)
        where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), setting, $"{typeof(TEnum).Name} value {value} is not defined.", $"Use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>Throws <see cref="NeuralStyle.Transfer.StyleTransferConfigurationException"/> listing every problem, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new NeuralStyle.Transfer.StyleTransferConfigurationException(_problems.ToArray());
        }
    }
}
