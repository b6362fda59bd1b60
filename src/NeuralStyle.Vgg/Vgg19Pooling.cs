namespace NeuralStyle.Vgg;

/// <summary>The pooling between VGG19 blocks.</summary>
public enum Vgg19Pooling
{
    /// <summary>2x2 max pooling, as trained.</summary>
    Max,

    /// <summary>2x2 average pooling (Gatys et al. found it gives smoother results), without correction.</summary>
    Average,

    /// <summary>
    /// 2x2 average pooling multiplied by 2: averaging shrinks activations relative to the maxima the
    /// network was trained on, so deeper layers go quiet; doubling restores their magnitude (the
    /// correction of crowsonkb/style-transfer-pytorch). The recommended form of average pooling.
    /// </summary>
    ScaledAverage,
}
