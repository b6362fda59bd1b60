using NeuralStyle.FastStyle.Training;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.FastStyle;

/// <summary><c>train --recipe</c>: the settings the options not given take.</summary>
internal enum TrainingRecipe
{
    /// <summary><see cref="FastStyleTrainingSettings.Default"/>.</summary>
    Default,

    /// <summary><see cref="BuiltInRecipes.FromScratch"/>: how <c>starry-night</c> was trained (from scratch).</summary>
    BuiltIn,

    /// <summary><see cref="BuiltInRecipes.WarmStart"/>: a new style from a built-in one (the default with <c>--from</c> a built-in style's name); <c>the-scream</c> and <c>shipwreck</c> were trained with it in float32.</summary>
    WarmStart,
}

/// <summary>Each recipe's settings.</summary>
internal static class TrainingRecipes
{
    /// <summary>The settings of <paramref name="recipe"/>; none given is the warm start's when starting from a built-in style, else the defaults.</summary>
    public static FastStyleTrainingSettings Settings(TrainingRecipe? recipe, string? from) =>
        (recipe ?? (BuiltInStyles.TryParse(from, out _) ? TrainingRecipe.WarmStart : TrainingRecipe.Default)) switch
        {
            TrainingRecipe.BuiltIn => BuiltInRecipes.FromScratch,
            TrainingRecipe.WarmStart => BuiltInRecipes.WarmStart,
            _ => FastStyleTrainingSettings.Default,
        };
}
