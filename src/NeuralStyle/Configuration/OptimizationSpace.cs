namespace NeuralStyle.Configuration;

/// <summary>Which tensor holds the optimised pixels.</summary>
public enum OptimizationSpace
{
    /// <summary>RGB values in [0, 1]; the extractor normalises them on every evaluation (the default).</summary>
    Rgb,

    /// <summary>
    /// The network's input space (e.g. Caffe BGR minus mean, 0-255), as the Keras example
    /// optimises; learning rates and total-variation weights then refer to that scale.
    /// </summary>
    NetworkInput,
}
