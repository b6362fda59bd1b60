using NeuralStyle.Configuration;
using NeuralStyle.Optimization;
using NeuralStyle.Tests.Transfer;
using TorchSharp;

namespace NeuralStyle.Tests.Optimization;

/// <summary>The optimisers on known problems, with an exact evaluation budget.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void LbfgsSolvesAnIllConditionedQuadraticInFewEvaluations()
    {
        var problem = new Quadratic(budget: 40);
        using torch.Tensor x = torch.ones(1, 3, 4, 4);
        PixelOptimizerFactory.Create(OptimizerSettings.Lbfgs()).Minimize(x, problem);
        Assert.True(problem.Losses[^1] < 1e-8 * problem.Losses[0], $"final loss {problem.Losses[^1]}");
        Assert.True(problem.Losses.Count <= 40);
    }

    [Fact]
    public void LbfgsMinimisesTheRosenbrockFunction()
    {
        var problem = new Rosenbrock(budget: 300);
        using torch.Tensor x = torch.tensor(new double[] { -1.2, 1.0 });
        PixelOptimizerFactory.Create(OptimizerSettings.Lbfgs()).Minimize(x, problem);
        Assert.True(problem.Losses[^1] < 1e-8, $"final loss {problem.Losses[^1]} after {problem.Losses.Count} evaluations");
        Assert.Equal(1.0, x[0].ToDouble(), 3);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 7)]
    [InlineData(OptimizerKind.Sgd, 11)]
    [InlineData(OptimizerKind.Lbfgs, 5)]
    public void EveryOptimizerSpendsExactlyTheBudget(OptimizerKind kind, int budget)
    {
        var problem = new Quadratic(budget) { Offset = 2 };
        using torch.Tensor x = torch.ones(1, 3, 4, 4);
        OptimizerSettings settings = kind switch
        {
            OptimizerKind.Adam => OptimizerSettings.Adam(0.1),
            OptimizerKind.Sgd => OptimizerSettings.Sgd(0.01),
            _ => OptimizerSettings.Lbfgs(),
        };
        PixelOptimizerFactory.Create(settings).Minimize(x, problem);
        Assert.Equal(budget, problem.Losses.Count);
        Assert.True(problem.Losses[^1] < problem.Losses[0]);
    }

    [Fact]
    public void SgdFollowsKerasExponentialDecay()
    {
        OptimizerSettings sgd = OptimizerSettings.Sgd(100, 0.96, 100);
        Assert.Equal(100, sgd.LearningRateAt(0));
        Assert.Equal(100 * Math.Pow(0.96, 0.5), sgd.LearningRateAt(50), 10);
        Assert.Equal(96, sgd.LearningRateAt(100), 10);
        Assert.Equal(96, (sgd with { Staircase = true }).LearningRateAt(199), 10);
    }

    [Fact]
    public void InvalidSettingsAreListed()
    {
        Assert.Equal(Setting.LearningRate, Assert.Single(Problems.Of(OptimizerSettings.Adam(-1).Validate)).Setting);
        Assert.Equal(Setting.LearningRateDecay, Assert.Single(Problems.Of(OptimizerSettings.Sgd(1, decayRate: 2).Validate)).Setting);
        Assert.Equal(Setting.HistorySize, Assert.Single(Problems.Of(OptimizerSettings.Lbfgs(historySize: 0).Validate)).Setting);
        Assert.Empty(Problems.Of(OptimizerSettings.Lbfgs().Validate));
    }

    /// <summary>f(x) = Σ c_i (x_i − Offset)² with condition number 100.</summary>
    private sealed class Quadratic(int budget) : IEvaluationBudget
    {
        public double Offset { get; init; }

        public List<double> Losses { get; } = [];

        public bool HasRemaining => Losses.Count < budget;

        public double Evaluate(torch.Tensor variable, out torch.Tensor gradient)
        {
            Assert.True(HasRemaining, "evaluated beyond the budget");
            using var scope = torch.NewDisposeScope();
            torch.Tensor c = torch.linspace(1, 100, variable.numel(), dtype: variable.dtype).view(variable.shape);
            torch.Tensor d = variable - Offset;
            double loss = (c * d * d).sum().ToDouble();
            gradient = (2 * c * d).MoveToOuterDisposeScope();
            Losses.Add(loss);
            return loss;
        }
    }

    private sealed class Rosenbrock(int budget) : IEvaluationBudget
    {
        public List<double> Losses { get; } = [];

        public bool HasRemaining => Losses.Count < budget;

        public double Evaluate(torch.Tensor variable, out torch.Tensor gradient)
        {
            double x = variable[0].ToDouble(), y = variable[1].ToDouble();
            double loss = Math.Pow(1 - x, 2) + (100 * Math.Pow(y - (x * x), 2));
            gradient = torch.tensor(new[] { (-2 * (1 - x)) - (400 * x * (y - (x * x))), 200 * (y - (x * x)) });
            Losses.Add(loss);
            return loss;
        }
    }
}
