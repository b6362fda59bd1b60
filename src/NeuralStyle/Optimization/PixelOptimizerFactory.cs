namespace NeuralStyle.Optimization;

/// <summary>Creates the algorithm named by <see cref="OptimizerSettings"/>.</summary>
internal static class PixelOptimizerFactory
{
    public static IPixelOptimizer Create(OptimizerSettings settings) => settings.Kind switch
    {
        OptimizerKind.Lbfgs => new LbfgsOptimizer(settings),
        OptimizerKind.Adam => new AdamOptimizer(settings),
        OptimizerKind.Sgd => new SgdOptimizer(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown optimizer kind."),
    };
}
