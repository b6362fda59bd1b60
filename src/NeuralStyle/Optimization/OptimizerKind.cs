namespace NeuralStyle.Optimization;

/// <summary>The algorithm that optimises the image's pixels.</summary>
public enum OptimizerKind
{
    /// <summary>L-BFGS with a strong-Wolfe line search (the default: fewest evaluations).</summary>
    Lbfgs,

    /// <summary>Adam.</summary>
    Adam,

    /// <summary>Plain gradient descent with an exponentially decaying learning rate (the Keras example).</summary>
    Sgd,
}
