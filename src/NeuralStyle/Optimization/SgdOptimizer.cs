using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>Gradient descent, <c>x ← x − lr(step) · g</c>, with Keras' exponential learning-rate decay.</summary>
internal sealed class SgdOptimizer(OptimizerSettings settings) : IPixelOptimizer
{
    public void Minimize(torch.Tensor variable, IEvaluationBudget budget)
    {
        for (int step = 0; budget.HasRemaining; step++)
        {
            budget.Evaluate(variable, out torch.Tensor gradient);
            using (gradient)
            using (torch.no_grad())
            {
                variable.PlusScaled_(gradient, -settings.LearningRateAt(step));
            }
        }
    }
}
