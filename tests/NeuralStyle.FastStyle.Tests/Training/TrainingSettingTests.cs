using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Testing;

namespace NeuralStyle.FastStyle.Tests.Training;

/// <summary>The fast-style package's own setting keys: its descriptions use them (or the core's shared ones), and no name is taken twice.</summary>
public sealed class TrainingSettingTests
{
    public static TheoryData<string> Groups => ["Training", "Stylize"];

    [Theory]
    [MemberData(nameof(Groups))]
    public void Each_description_names_one_of_the_packages_keys_or_a_shared_core_setting(string group)
    {
        (Type keys, IReadOnlyList<SettingDescription> descriptions) = group == "Training"
            ? (typeof(TrainingSetting), TrainingSettingDescriptions.All)
            : (typeof(StylizeSetting), StylizeSettingDescriptions.All);
        Setting[] allowed = [.. DeclaredSettings.Of(keys).Select(d => d.Setting), .. DeclaredSettings.Of(typeof(Setting)).Select(d => d.Setting)];
        Assert.All(descriptions, d => Assert.Contains(d.Setting, allowed));
        Assert.All(DeclaredSettings.Of(keys), d => Assert.Equal($"{group}.{d.Member}", d.Setting.Name));
    }

    [Fact]
    public void No_setting_name_is_taken_twice()
    {
        string[] names = [.. new[] { typeof(Setting), typeof(TrainingSetting), typeof(StylizeSetting) }.SelectMany(DeclaredSettings.Of).Select(d => d.Setting.Name)];
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
