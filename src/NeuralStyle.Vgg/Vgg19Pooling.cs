namespace NeuralStyle.Vgg;

/// <summary>The pooling between VGG19 blocks.</summary>
public enum Vgg19Pooling
{
    /// <summary>2x2 max pooling, as trained.</summary>
    Max,

    /// <summary>2x2 average pooling (Gatys et al. found it gives smoother results).</summary>
    Average,
}
