using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>An algorithm that lowers an objective by changing a tensor in place.</summary>
internal interface IPixelOptimizer
{
    /// <summary>Optimises <paramref name="variable"/> in place until the budget is spent or the algorithm converges.</summary>
    void Minimize(torch.Tensor variable, IEvaluationBudget budget);
}
