namespace NeuralStyle.Vgg;

/// <summary>The kind of a VGG19 activation.</summary>
public enum Vgg19LayerKind
{
    /// <summary>A convolution's output, before its ReLU (<c>convB_N</c>).</summary>
    Conv,

    /// <summary>A ReLU's output (<c>reluB_N</c>; Keras calls it <c>blockB_convN</c>).</summary>
    Relu,

    /// <summary>A block's pooling output (<c>poolB</c>).</summary>
    Pool,
}
