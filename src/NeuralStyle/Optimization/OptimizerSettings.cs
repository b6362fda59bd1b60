using NeuralStyle.Configuration;
using NeuralStyle.Engine;

namespace NeuralStyle.Optimization;

/// <summary>Settings of the pixel optimiser. Create with <see cref="Lbfgs"/>, <see cref="Adam"/> or <see cref="Sgd"/>.</summary>
public sealed record OptimizerSettings
{
    private OptimizerSettings(OptimizerKind kind, double learningRate)
    {
        Kind = kind;
        LearningRate = learningRate;
    }

    /// <summary>L-BFGS's default number of correction pairs (PyTorch's).</summary>
    public const int DefaultHistorySize = 100;

    /// <summary>SGD's default steps per learning-rate decay period.</summary>
    public const int DefaultDecaySteps = 100;

    /// <summary>The algorithm.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>Step size (L-BFGS: the initial trial step of each line search, 1 as in PyTorch).</summary>
    public double LearningRate { get; init; }

    /// <summary>L-BFGS: how many correction pairs are kept.</summary>
    public int HistorySize { get; init; } = DefaultHistorySize;

    /// <summary>Adam: first-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam: second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam: denominator term.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>
    /// Adam: decay of an exponential moving average of the iterates (0, the default, turns it off).
    /// When set, the result is the bias-corrected average <c>Σ (1−d) dⁿ⁻ⁱ xᵢ / (1 − dⁿ)</c> rather
    /// than the last iterate, which smooths Adam's step-to-step noise (0.9 to 0.99 suits most runs).
    /// </summary>
    public double AverageDecay { get; init; }

    /// <summary>SGD: the learning rate is multiplied by this every <see cref="DecaySteps"/> steps (1 = constant).</summary>
    public double DecayRate { get; init; } = 1;

    /// <summary>SGD: steps per decay period.</summary>
    public int DecaySteps { get; init; } = DefaultDecaySteps;

    /// <summary>SGD: when true the rate drops in steps; when false (Keras' default) it decays smoothly.</summary>
    public bool Staircase { get; init; }

    /// <summary>L-BFGS with a strong-Wolfe line search.</summary>
    /// <param name="historySize">Correction pairs kept (PyTorch's default is 100).</param>
    public static OptimizerSettings Lbfgs(int historySize = DefaultHistorySize) => new(OptimizerKind.Lbfgs, 1) { HistorySize = historySize };

    /// <summary>Adam.</summary>
    /// <param name="learningRate">Step size in the optimised space (the default 0.02 suits images in [0, 1]).</param>
    /// <param name="averageDecay">Decay of the moving average of iterates returned as the result (0 = the last iterate).</param>
    public static OptimizerSettings Adam(double learningRate = 0.02, double averageDecay = 0) =>
        new(OptimizerKind.Adam, learningRate) { AverageDecay = averageDecay };

    /// <summary>Gradient descent with Keras' <c>ExponentialDecay</c>: <c>lr · rate^(step / steps)</c>.</summary>
    /// <param name="learningRate">Initial learning rate (the default 0.01 suits images in [0, 1]).</param>
    /// <param name="decayRate">Decay factor per <paramref name="decaySteps"/> steps (1, the default, keeps it constant).</param>
    /// <param name="decaySteps">Steps per decay period.</param>
    public static OptimizerSettings Sgd(double learningRate = 0.01, double decayRate = 1, int decaySteps = DefaultDecaySteps) =>
        new(OptimizerKind.Sgd, learningRate) { DecayRate = decayRate, DecaySteps = decaySteps };

    /// <summary>The defaults of <paramref name="kind"/>: <see cref="Lbfgs"/>, <see cref="Adam"/> or <see cref="Sgd"/> with their default arguments.</summary>
    public static OptimizerSettings For(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Lbfgs => Lbfgs(),
        OptimizerKind.Adam => Adam(),
        OptimizerKind.Sgd => Sgd(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind: use Lbfgs, Adam or Sgd."),
    };

    /// <summary>The SGD learning rate at a 0-based step.</summary>
    public double LearningRateAt(int step)
    {
        double exponent = Staircase ? Math.Floor((double)step / DecaySteps) : (double)step / DecaySteps;
        return LearningRate * Math.Pow(DecayRate, exponent);
    }

    internal void Validate(ProblemList problems)
    {
        if (!Enum.IsDefined(Kind))
        {
            problems.Add(Setting.Optimizer, $"Optimizer kind {Kind} is unknown.", "Use OptimizerSettings.Lbfgs(), .Adam() or .Sgd().");
            return;
        }

        SettingDescriptions.LearningRate.Check(problems, LearningRate, FormattableString.Invariant($"The default for {SettingDescriptions.KebabCase(Kind.ToString())} is {For(Kind).LearningRate}."));
        problems.Require(
            Kind != OptimizerKind.Lbfgs || HistorySize >= 1,
            Setting.HistorySize,
            $"L-BFGS history size must be at least 1 (got {HistorySize}).",
            $"Keep {DefaultHistorySize} (PyTorch's default), or fewer pairs to save memory.");
        problems.Require(
            Kind != OptimizerKind.Adam || (Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1 && Epsilon > 0),
            Setting.AdamMoments,
            FormattableString.Invariant($"Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0 (got {Beta1}, {Beta2}, {Epsilon})."),
            FormattableString.Invariant($"Keep the defaults {Adam().Beta1}, {Adam().Beta2} and {Adam().Epsilon}."));
        if (!SettingDescriptions.AverageDecay.Range!.Contains(AverageDecay))
        {
            SettingDescriptions.AverageDecay.Check(problems, AverageDecay);
        }
        else if (AverageDecay > 0 && Kind != OptimizerKind.Adam)
        {
            problems.Add(
                Setting.AverageDecay,
                $"AverageDecay (a moving average of iterates) applies to Adam only, not {Kind}.",
                "Use Adam (OptimizerSettings.Adam(..., averageDecay)), or set it to 0.",
                new SettingValue(SettingDescriptions.Optimizer, SettingDescriptions.KebabCase(nameof(OptimizerKind.Adam))));
        }

        problems.Require(
            Kind != OptimizerKind.Sgd || (DecayRate > 0 && DecayRate <= 1 && DecaySteps >= 1),
            Setting.LearningRateDecay,
            FormattableString.Invariant($"SGD decay needs 0 < rate <= 1 and steps >= 1 (got {DecayRate}, {DecaySteps})."),
            "Use rate 1 for a constant learning rate.");
    }
}
