using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Network;
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

    [Fact]
    public void Every_training_setting_but_the_per_style_weights_has_one_binding_and_it_sets_that_setting()
    {
        Assert.Equal(TrainingSettingDescriptions.All.Where(d => d != SettingDescriptions.StyleBlendWeight), TrainingSettingBindings.All.Select(b => b.Description));
        (SettingBinding<FastStyleTrainingSettings> Binding, string Text)[] given =
        [
            (TrainingSettingBindings.CropSize, "96"), (TrainingSettingBindings.StyleSize, "64"), (TrainingSettingBindings.Steps, "7"), (TrainingSettingBindings.BatchSize, "3"),
            (TrainingSettingBindings.Width, "0.25"), (TrainingSettingBindings.ResidualBlocks, "2"), (TrainingSettingBindings.LearningRate, "0.002"),
            (TrainingSettingBindings.ContentWeight, "3"), (TrainingSettingBindings.ContentLayer, "stage1"), (TrainingSettingBindings.StyleWeight, "9"),
            (TrainingSettingBindings.TotalVariationWeight, "11"), (TrainingSettingBindings.Seed, "42"), (TrainingSettingBindings.CheckpointEvery, "5"), (TrainingSettingBindings.Precision, "bfloat16"),
        ];
        FastStyleTrainingSettings settings = given.Aggregate(FastStyleTrainingSettings.Default, (s, g) => g.Binding.TryApply(s, g.Text, out FastStyleTrainingSettings next) ? next : throw new InvalidOperationException(g.Text));

        Assert.Equal(
            new FastStyleTrainingSettings
            {
                Size = 96, StyleSize = 64, Steps = 7, BatchSize = 3, Architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 2 },
                LearningRate = 0.002, Seed = 42, CheckpointEvery = 5, Precision = TrainingPrecision.BFloat16,
                Objective = FastStyleTrainingSettings.Default.Objective with { ContentWeight = 3, ContentLayers = [new LayerChoice("stage1")], StyleWeight = 9, TotalVariationWeight = 11 },
            }.ToString(),
            settings.ToString());
        Assert.Equal("stage1", Assert.Single(settings.Objective.ContentLayers!).Name);
    }

    [Fact]
    public void Width_and_precision_are_written_as_the_command_line_and_model_files_write_them()
    {
        Assert.Equal(["1", "0.5", "0.25"], TrainingSettingBindings.Width.Names);
        Assert.Equal(["auto", "float32", "bfloat16"], TrainingSettingBindings.Precision.Names);
        foreach (string quarter in new[] { "0.25", ".25", "1/4", "Quarter" })
        {
            Assert.True(TrainingSettingBindings.Width.TryParse(quarter, out NetworkWidth width), quarter);
            Assert.Equal(NetworkWidth.Quarter, width);
            Assert.Equal(NetworkWidth.Quarter, FastStyleArchitecture.ParseWidth(quarter));
        }

        Assert.False(TrainingSettingBindings.Width.TryParse("0.3", out NetworkWidth _));
        Assert.Null(FastStyleArchitecture.ParseWidth("2"));
        Assert.Equal("one of 1, 0.5, 0.25", TrainingSettingBindings.Width.Expected);
    }
}
