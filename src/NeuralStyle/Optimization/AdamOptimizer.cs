using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>Adam (Kingma and Ba) on the pixels, with bias correction and an optional moving average of the iterates.</summary>
internal sealed class AdamOptimizer(OptimizerSettings settings) : IPixelOptimizer
{
    public void Minimize(torch.Tensor variable, IEvaluationBudget budget)
    {
        using torch.Tensor firstMoment = torch.zeros_like(variable);
        using torch.Tensor secondMoment = torch.zeros_like(variable);
        using var average = settings.AverageDecay > 0 ? new IterateAverage(variable, settings.AverageDecay) : null;
        for (int step = 1; budget.HasRemaining; step++)
        {
            budget.Evaluate(variable, out torch.Tensor gradient);
            using var scope = torch.NewDisposeScope();
            using (gradient)
            using (torch.no_grad())
            {
                firstMoment.mul_(settings.Beta1).add_(gradient, alpha: 1 - settings.Beta1);
                secondMoment.mul_(settings.Beta2).addcmul_(gradient, gradient, value: 1 - settings.Beta2);
                double firstCorrection = 1 - Math.Pow(settings.Beta1, step);
                double secondCorrection = 1 - Math.Pow(settings.Beta2, step);
                torch.Tensor denominator = (secondMoment / secondCorrection).sqrt_().add_(settings.Epsilon);
                variable.addcdiv_(firstMoment, denominator, value: -settings.LearningRate / firstCorrection);
                average?.Add(variable);
            }
        }

        average?.CopyTo(variable);
    }
}
