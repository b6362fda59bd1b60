using NeuralStyle.Optimization;
using TorchSharp;

namespace NeuralStyle.Tests.Optimization;

/// <summary>Adam's moving average of iterates returns exactly the bias-corrected average.</summary>
public sealed class IterateAverageTests
{
    [Fact]
    public void AdamWithAverageDecayReturnsTheBiasCorrectedAverageOfItsIterates()
    {
        using var scope = torch.NewDisposeScope();
        const double decay = 0.7;
        const int budget = 6;
        var plain = new RecordingBowl(budget);
        using torch.Tensor x = torch.full([1, 3, 2, 2], 3.0, torch.ScalarType.Float64);
        PixelOptimizerFactory.Create(OptimizerSettings.Adam(0.3)).Minimize(x, plain);

        // Iterates x1..xn are what Adam produced after each step: the evaluated points after the first, then the final one.
        List<torch.Tensor> iterates = [.. plain.Points.Skip(1), x.clone()];
        torch.Tensor expected = torch.zeros_like(x);
        double norm = 0;
        for (int i = 0; i < iterates.Count; i++)
        {
            double w = (1 - decay) * Math.Pow(decay, iterates.Count - 1 - i);
            expected += iterates[i] * w;
            norm += w;
        }

        expected /= norm;
        var averaged = new RecordingBowl(budget);
        using torch.Tensor y = torch.full([1, 3, 2, 2], 3.0, torch.ScalarType.Float64);
        PixelOptimizerFactory.Create(OptimizerSettings.Adam(0.3, averageDecay: decay)).Minimize(y, averaged);

        Assert.True(torch.allclose(y, expected, rtol: 1e-12, atol: 1e-12), $"got {y.mean().ToDouble()}, expected {expected.mean().ToDouble()}");
        Assert.False(torch.allclose(y, x, rtol: 1e-6, atol: 1e-6), "the average differs from the last iterate");
    }

    /// <summary>f(x) = Σ x², recording every evaluated point.</summary>
    private sealed class RecordingBowl(int budget) : IEvaluationBudget
    {
        public List<torch.Tensor> Points { get; } = [];

        public bool HasRemaining => Points.Count < budget;

        public double Evaluate(torch.Tensor variable, out torch.Tensor gradient)
        {
            Points.Add(variable.clone());
            gradient = variable * 2;
            return variable.square().sum().ToDouble();
        }
    }
}
