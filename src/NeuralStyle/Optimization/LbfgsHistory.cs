using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>The correction pairs of L-BFGS and its two-loop recursion.</summary>
internal sealed class LbfgsHistory(int capacity) : IDisposable
{
    private readonly List<torch.Tensor> _gradientChanges = [];
    private readonly List<torch.Tensor> _steps = [];
    private readonly List<double> _inverseCurvatures = [];
    private double _diagonal = 1;

    /// <summary>Adds the pair (y = g_k − g_{k−1}, s = x_k − x_{k−1}) when it has positive curvature.</summary>
    public void Add(torch.Tensor gradientChange, torch.Tensor step)
    {
        double ys = LbfgsOptimizer.Dot(gradientChange, step);
        if (ys <= 1e-10)
        {
            return;
        }

        if (_gradientChanges.Count == capacity)
        {
            _gradientChanges[0].Dispose();
            _steps[0].Dispose();
            _gradientChanges.RemoveAt(0);
            _steps.RemoveAt(0);
            _inverseCurvatures.RemoveAt(0);
        }

        _gradientChanges.Add(gradientChange.clone().DetachFromDisposeScope());
        _steps.Add(step.clone().DetachFromDisposeScope());
        _inverseCurvatures.Add(1.0 / ys);
        _diagonal = ys / LbfgsOptimizer.Dot(gradientChange, gradientChange);
    }

    /// <summary>The search direction −H·g by the two-loop recursion (in the caller's dispose scope).</summary>
    public torch.Tensor TwoLoop(torch.Tensor gradient)
    {
        int count = _gradientChanges.Count;
        var alpha = new double[count];
        torch.Tensor q = gradient.neg();
        for (int i = count - 1; i >= 0; i--)
        {
            alpha[i] = LbfgsOptimizer.Dot(_steps[i], q) * _inverseCurvatures[i];
            q.PlusScaled_(_gradientChanges[i], -alpha[i]);
        }

        torch.Tensor r = q.Times_(_diagonal);
        for (int i = 0; i < count; i++)
        {
            double beta = LbfgsOptimizer.Dot(_gradientChanges[i], r) * _inverseCurvatures[i];
            r.PlusScaled_(_steps[i], alpha[i] - beta);
        }

        return r;
    }

    public void Dispose()
    {
        foreach (torch.Tensor t in _gradientChanges.Concat(_steps))
        {
            t.Dispose();
        }

        _gradientChanges.Clear();
        _steps.Clear();
        _inverseCurvatures.Clear();
    }
}
