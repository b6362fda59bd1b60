using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>Adam (Kingma and Ba) on the pixels, with bias correction and an optional moving average of the iterates.</summary>
internal sealed class AdamOptimizer(OptimizerSettings settings) : IPixelOptimizer
{
    public void Minimize(torch.Tensor variable, IEvaluationBudget budget)
    {
        using var moments = new AdamMoments(variable);
        using var average = settings.AverageDecay > 0 ? new IterateAverage(variable, settings.AverageDecay) : null;
        for (int step = 1; budget.HasRemaining; step++)
        {
            budget.Evaluate(variable, out torch.Tensor gradient);
            using (gradient)
            {
                moments.Step(variable, gradient, step, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon);
                average?.Add(variable);
            }
        }

        average?.CopyTo(variable);
    }
}
