using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The options that set a <see cref="FastStyleTrainingSettings"/>, each from the library's binding of its
/// setting (<see cref="TrainingSettingBindings"/>): used by <c>train</c>, over the settings of its recipe.
/// </summary>
internal sealed class TrainingOptionSet
{
    private readonly IReadOnlyList<SettingOption<FastStyleTrainingSettings>> _options =
        [.. TrainingSettingBindings.All.Select(b => SettingOption<FastStyleTrainingSettings>.For(b))];

    /// <summary>The option of <paramref name="binding"/>.</summary>
    public Option this[SettingBinding<FastStyleTrainingSettings> binding] => _options.Single(o => o.Binding == binding).Option;

    /// <summary><paramref name="defaults"/> (a recipe's settings) with every option given applied (validated at <c>Build()</c>).</summary>
    public FastStyleTrainingSettings Read(ParseResult result, FastStyleTrainingSettings defaults) =>
        _options.Aggregate(defaults, (settings, option) => option.ApplyTo(settings, result));
}
