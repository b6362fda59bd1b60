using NeuralStyle.Optimization;

namespace NeuralStyle.Configuration;

/// <summary>How the image is optimised: the algorithm, its budget, where it starts and in which space.</summary>
public sealed record OptimizationSettings
{
    /// <summary>The pixel optimiser (default L-BFGS with a strong-Wolfe line search).</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Lbfgs();

    /// <summary>
    /// The evaluation budget (default 300): one forward and backward pass each, L-BFGS line-search
    /// trials included, so budgets compare across optimisers. With <see cref="MultiScale"/>, the budget of the last (output) scale.
    /// </summary>
    public int Evaluations { get; init; } = 300;

    /// <summary>What the image starts from (default the content photo in the style's palette, as far as the strength says).</summary>
    public InitMode Init { get; init; } = InitMode.ContentInStylePalette;

    /// <summary>Seed of <see cref="InitMode.Noise"/> (default 0).</summary>
    public long Seed { get; init; }

    /// <summary>Which tensor is optimised (default RGB pixels).</summary>
    public OptimizationSpace Space { get; init; } = OptimizationSpace.Rgb;

    /// <summary>Coarse-to-fine optimisation over a ladder of sizes; null (the default) runs at the output size only.</summary>
    public MultiScaleSettings? MultiScale { get; init; }

    internal void Validate(ProblemList problems)
    {
        if (Optimizer is null)
        {
            problems.Add(Setting.Optimizer, "The optimiser is not set.", "Use OptimizerSettings.Lbfgs(), .Adam() or .Sgd().");
        }
        else
        {
            Optimizer.Validate(problems);
        }

        SettingDescriptions.Evaluations.Check(problems, Evaluations);
        problems.RequireDefined(Init, Setting.Init);
        problems.RequireDefined(Space, Setting.Space);
        MultiScale?.Validate(problems);
    }
}
