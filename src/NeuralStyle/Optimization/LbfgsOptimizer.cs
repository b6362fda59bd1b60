using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// L-BFGS with a strong-Wolfe line search: a port of PyTorch's <c>torch.optim.LBFGS</c> with
/// <c>line_search_fn="strong_wolfe"</c> (TorchSharp's wrapper has no line search and was seen
/// diverging). Every objective evaluation counts against the budget, line-search trials included,
/// so the number of forward/backward passes is exactly what the caller asked for.
/// </summary>
internal sealed class LbfgsOptimizer(OptimizerSettings settings) : IPixelOptimizer
{
    private const double ToleranceGrad = 1e-7;
    private const double ToleranceChange = 1e-9;

    public void Minimize(torch.Tensor variable, IEvaluationBudget budget)
    {
        if (!budget.HasRemaining)
        {
            return;
        }

        using torch.Tensor flatVariable = variable.view(-1);
        var corrections = new LbfgsHistory(settings.HistorySize);
        torch.Tensor? direction = null;
        torch.Tensor? previousGradient = null;
        double loss = budget.Evaluate(variable, out torch.Tensor first);
        torch.Tensor gradient = TakeFlat(first);
        try
        {
            if (MaxAbs(gradient) <= ToleranceGrad)
            {
                return;
            }

            double step = 0;
            for (int iteration = 1; budget.HasRemaining; iteration++)
            {
                if (iteration == 1)
                {
                    Replace(ref direction, gradient.neg());
                }
                else
                {
                    using var scope = torch.NewDisposeScope();
                    torch.Tensor y = gradient - previousGradient!;
                    torch.Tensor s = direction!.Times(step);
                    corrections.Add(y, s);
                    Replace(ref direction, corrections.TwoLoop(gradient));
                }

                Replace(ref previousGradient, gradient.clone());
                double previousLoss = loss;
                double initialStep = iteration == 1 ? Math.Min(1.0, 1.0 / SumAbs(gradient)) * settings.LearningRate : settings.LearningRate;
                double directional = Dot(gradient, direction!);
                if (directional > -ToleranceChange)
                {
                    break;
                }

                var search = new StrongWolfeLineSearch(flatVariable, variable, budget);
                (loss, torch.Tensor newGradient, step) = search.Run(initialStep, direction!, loss, gradient, directional);
                gradient.Dispose();
                gradient = newGradient;
                using (torch.no_grad())
                {
                    flatVariable.PlusScaled_(direction!, step);
                }

                if (MaxAbs(gradient) <= ToleranceGrad
                    || MaxAbs(direction!) * Math.Abs(step) <= ToleranceChange
                    || Math.Abs(loss - previousLoss) < ToleranceChange)
                {
                    break;
                }
            }
        }
        finally
        {
            gradient.Dispose();
            direction?.Dispose();
            previousGradient?.Dispose();
            corrections.Dispose();
        }
    }

    /// <summary>
    /// <paramref name="gradient"/> flattened, outside any dispose scope; the original handle is disposed. A
    /// view when the gradient is contiguous, else a copy: a channels_last extractor (VGG19 with
    /// ChannelsLast, MixedPrecisionExtractor) returns a channels_last image gradient, which no view flattens.
    /// </summary>
    internal static torch.Tensor TakeFlat(torch.Tensor gradient)
    {
        torch.Tensor flat = gradient.reshape(-1).DetachFromDisposeScope();
        gradient.Dispose();
        return flat;
    }

    internal static double Dot(torch.Tensor a, torch.Tensor b)
    {
        using torch.Tensor product = a.dot(b);
        return product.ToDouble();
    }

    internal static double MaxAbs(torch.Tensor a)
    {
        using torch.Tensor abs = a.abs();
        using torch.Tensor max = abs.max();
        return max.ToDouble();
    }

    private static double SumAbs(torch.Tensor a)
    {
        using torch.Tensor abs = a.abs();
        using torch.Tensor sum = abs.sum();
        return sum.ToDouble();
    }

    private static void Replace(ref torch.Tensor? slot, torch.Tensor value)
    {
        slot?.Dispose();
        slot = value.DetachFromDisposeScope();
    }
}
