using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>A bias-corrected exponential moving average of optimiser iterates.</summary>
internal sealed class IterateAverage(torch.Tensor like, double decay) : IDisposable
{
    private readonly torch.Tensor _sum = torch.zeros_like(like);
    private double _weight;

    /// <summary>Folds in the next iterate.</summary>
    public void Add(torch.Tensor iterate)
    {
        using var noGrad = torch.no_grad();
        _sum.Times_(decay).PlusScaled_(iterate, 1 - decay);
        _weight = (_weight * decay) + (1 - decay);
    }

    /// <summary>Writes the average into <paramref name="target"/> (unchanged when nothing was added).</summary>
    public void CopyTo(torch.Tensor target)
    {
        if (_weight == 0)
        {
            return;
        }

        using var noGrad = torch.no_grad();
        using torch.Tensor mean = _sum.DividedBy(_weight);
        target.copy_(mean);
    }

    public void Dispose() => _sum.Dispose();
}
