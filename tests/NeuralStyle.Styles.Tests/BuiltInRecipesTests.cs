using System.Globalization;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.Styles.Tests;

/// <summary>The recipes are the ones the shipped models recorded: <see cref="BuiltInRecipes.FromScratch"/> is <c>starry-night</c>'s, <see cref="BuiltInRecipes.WarmStart"/> (in float32) the other two's, warm-started from it.</summary>
public sealed class BuiltInRecipesTests
{
    [Fact]
    public void From_scratch_is_what_starry_night_was_trained_with() =>
        AssertRecorded(BuiltInStyle.StarryNight, BuiltInRecipes.FromScratch);

    /// <summary>Each trained to milestones 300 and 600; the one that scored better at the default palette ships (docs/fast-style.md).</summary>
    [Theory]
    [InlineData(BuiltInStyle.TheScream, 600)]
    [InlineData(BuiltInStyle.Shipwreck, 300)]
    public void The_other_two_were_warm_started_from_starry_night_with_the_warm_start_recipe_in_float32(BuiltInStyle style, int steps)
    {
        AssertRecorded(style, BuiltInRecipes.WarmStart with { Steps = steps, Precision = TrainingPrecision.Float32 });
        using FastStyleModel model = BuiltInStyles.Load(style);
        Assert.EndsWith(" from=starry_night@2000", model.Info.TrainingSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warm_start_differs_from_scratch_only_in_content_weight_steps_and_precision()
    {
        FastStyleTrainingSettings scratch = BuiltInRecipes.FromScratch, warm = BuiltInRecipes.WarmStart;
        Assert.True(warm.Objective.ContentWeight < scratch.Objective.ContentWeight, "from a network that already keeps the scene, a warm start takes less content weight than from scratch (docs/fast-style.md)");
        Assert.True(warm.Steps * 4 <= scratch.Steps, $"a warm start of {warm.Steps} steps is not 4x fewer than {scratch.Steps}");
        Assert.Equal(TrainingPrecision.Auto, warm.Precision);
        Assert.Equal(scratch with { Steps = warm.Steps, Precision = warm.Precision, Objective = warm.Objective }, warm);
        Assert.Equal(scratch.Objective with { ContentWeight = warm.Objective.ContentWeight }, warm.Objective);
    }

    /// <summary>Each setting the model file's record holds equals the recipe's (the steps too).</summary>
    private static void AssertRecorded(BuiltInStyle style, FastStyleTrainingSettings recipe)
    {
        using FastStyleModel model = BuiltInStyles.Load(style);
        Dictionary<string, string> recorded = model.Info.TrainingSettings.Split(' ').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(recipe.Architecture, model.Architecture);
        Assert.Equal(Text(recipe.Steps), recorded["steps"]);
        Assert.Equal(Text(recipe.Size), recorded["size"]);
        Assert.Equal(Text(recipe.BatchSize), recorded["batch"]);
        Assert.Equal(Text(recipe.LearningRate), recorded["lr"]);
        Assert.Equal(Text(recipe.Seed), recorded["seed"]);
        Assert.Equal(Text(recipe.Objective.ContentWeight), recorded["content-weight"]);
        Assert.Equal(Text(recipe.Objective.StyleWeight), recorded["style-weight"]);
        Assert.Equal(Text(recipe.Objective.TotalVariationWeight), recorded["tv-weight"]);
        Assert.Equal(Text(recipe.Objective.StyleStrength), recorded["strength"]);
        Assert.Equal(Text(recipe.StyleSize ?? recipe.Size), recorded["style-size"]);
        Assert.Equal(recipe.Objective.StyleLoss.ToString(), recorded["style-loss"]);
        Assert.Equal($"{recipe.Objective.ContentFormula}/{recipe.Objective.StyleFormula}/{recipe.Objective.TotalVariationFormula}", recorded["formulas"]);
        Assert.Equal(TrainingPrecision.Float32, recipe.Precision);
        Assert.False(recorded.ContainsKey("precision"), "float32 writes no precision; the model was trained in another");
        Assert.Equal("recommended", recorded["content-layers"]);
        Assert.Equal("recommended", recorded["style-layers"]);
    }

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
