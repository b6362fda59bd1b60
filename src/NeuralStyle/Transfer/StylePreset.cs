namespace NeuralStyle.Transfer;

/// <summary>Named sets of settings.</summary>
public enum StylePreset
{
    /// <summary>
    /// The recommended settings: the backbone's recommended layers, scale-free (relative) losses
    /// weighted content 1 / style 10 / TV 10, L-BFGS with strong-Wolfe line search, 300
    /// evaluations, 512 px longest side, init from content.
    /// </summary>
    Default,

    /// <summary>
    /// The Keras example exactly: content on block5_conv2, style on block1_conv1..block5_conv1
    /// (equal weights 1/5), its Gram and TV (power 1.25) formulas, weights 2.5e-8 / 1e-6 / 1e-6,
    /// SGD with lr 100 decaying x0.96 per 100 steps, 4000 steps, 400 px high, init from content,
    /// optimising the Caffe-preprocessed image, a snapshot every 100 steps. Needs VGG19 layer names.
    /// </summary>
    KerasExample,
}
