using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// The strong-Wolfe line search of PyTorch's L-BFGS (<c>_strong_wolfe</c> with cubic
/// interpolation), evaluating <c>x + t·d</c> and restoring <c>x</c> after each trial. Stops early
/// when the evaluation budget runs out, returning the best bracket point found so far.
/// </summary>
internal sealed class StrongWolfeLineSearch(torch.Tensor flatVariable, torch.Tensor variable, IEvaluationBudget budget)
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const double ToleranceChange = 1e-9;
    private const int MaxIterations = 25;

    /// <summary>Runs the search; the returned gradient belongs to the caller.</summary>
    public (double Loss, torch.Tensor Gradient, double Step) Run(double t, torch.Tensor d, double f, torch.Tensor g, double gtd)
    {
        double dNorm = LbfgsOptimizer.MaxAbs(d);
        var trash = new List<torch.Tensor>();
        try
        {
            (double fNew, torch.Tensor gNew) = Trial(t, d, trash);
            double gtdNew = LbfgsOptimizer.Dot(gNew, d);
            double tPrev = 0, fPrev = f, gtdPrev = gtd;
            torch.Tensor gPrev = g;
            int iterations = 0; // PyTorch's ls_iter: trials after the first one
            bool done = false;
            Bracket? bracket = null;

            while (iterations < MaxIterations && budget.HasRemaining)
            {
                if (fNew > f + C1 * t * gtd || (iterations > 1 && fNew >= fPrev) || gtdNew >= 0)
                {
                    bracket = new Bracket(new(tPrev, fPrev, gPrev, gtdPrev), new(t, fNew, gNew, gtdNew));
                    break;
                }

                if (Math.Abs(gtdNew) <= -C2 * gtd)
                {
                    bracket = new Bracket(new(t, fNew, gNew, gtdNew), null);
                    done = true;
                    break;
                }

                double minStep = t + 0.01 * (t - tPrev);
                double maxStep = t * 10;
                double next = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
                tPrev = t;
                fPrev = fNew;
                gPrev = gNew;
                gtdPrev = gtdNew;
                t = next;
                (fNew, gNew) = Trial(t, d, trash);
                gtdNew = LbfgsOptimizer.Dot(gNew, d);
                iterations++;
            }

            bracket ??= new Bracket(new(0, f, g, gtd), new(t, fNew, gNew, gtdNew));

            bool insufficientProgress = false;
            while (!done && bracket.High is not null && iterations < MaxIterations && budget.HasRemaining)
            {
                Point low = bracket.Low, high = bracket.High;
                if (Math.Abs(high.T - low.T) * dNorm < ToleranceChange)
                {
                    break;
                }

                t = CubicInterpolate(low.T, low.F, low.Gtd, high.T, high.F, high.Gtd, Math.Min(low.T, high.T), Math.Max(low.T, high.T));
                double lo = Math.Min(low.T, high.T), hi = Math.Max(low.T, high.T);
                double eps = 0.1 * (hi - lo);
                if (Math.Min(hi - t, t - lo) < eps)
                {
                    if (insufficientProgress || t >= hi || t <= lo)
                    {
                        t = Math.Abs(t - hi) < Math.Abs(t - lo) ? hi - eps : lo + eps;
                        insufficientProgress = false;
                    }
                    else
                    {
                        insufficientProgress = true;
                    }
                }
                else
                {
                    insufficientProgress = false;
                }

                (fNew, gNew) = Trial(t, d, trash);
                gtdNew = LbfgsOptimizer.Dot(gNew, d);
                iterations++;
                var trial = new Point(t, fNew, gNew, gtdNew);
                if (fNew > f + C1 * t * gtd || fNew >= low.F)
                {
                    bracket.High = trial;
                }
                else
                {
                    if (Math.Abs(gtdNew) <= -C2 * gtd)
                    {
                        done = true;
                    }
                    else if (gtdNew * (high.T - low.T) >= 0)
                    {
                        bracket.High = low;
                    }

                    bracket.Low = trial;
                }

                bracket.Order();
            }

            Point best = bracket.Low;
            torch.Tensor result = best.G.clone().DetachFromDisposeScope();
            return (best.F, result, best.T);
        }
        finally
        {
            foreach (torch.Tensor t2 in trash)
            {
                t2.Dispose();
            }
        }
    }

    private (double Loss, torch.Tensor Gradient) Trial(double t, torch.Tensor d, List<torch.Tensor> trash)
    {
        using torch.Tensor saved = flatVariable.clone();
        using (torch.no_grad())
        {
            flatVariable.PlusScaled_(d, t);
        }

        double loss = budget.Evaluate(variable, out torch.Tensor gradient);
        using (torch.no_grad())
        {
            flatVariable.copy_(saved);
        }

        torch.Tensor flat = LbfgsOptimizer.TakeFlat(gradient);
        trash.Add(flat);
        return (loss, flat);
    }

    /// <summary>Minimiser of the cubic through two points with derivatives, clamped to the bounds.</summary>
    internal static double CubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lower, double upper)
    {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0)
        {
            double d2 = Math.Sqrt(d2Square);
            double minimum = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            if (!double.IsNaN(minimum))
            {
                return Math.Min(Math.Max(minimum, lower), upper);
            }
        }

        return (lower + upper) / 2;
    }

    private sealed record Point(double T, double F, torch.Tensor G, double Gtd);

    private sealed class Bracket
    {
        public Bracket(Point first, Point? second)
        {
            Low = first;
            High = second;
            Order();
        }

        public Point Low { get; set; }

        public Point? High { get; set; }

        public void Order()
        {
            if (High is not null && High.F < Low.F)
            {
                (Low, High) = (High, Low);
            }
        }
    }
}
