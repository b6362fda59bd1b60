namespace NeuralStyle.ResNet18;

/// <summary>What a <see cref="ResNet18Layer"/> is.</summary>
public enum ResNet18LayerKind
{
    /// <summary>The stem: 7x7/2 convolution, batch norm and ReLU (64 channels, 1/2 resolution).</summary>
    Stem,

    /// <summary>The stem's 3x3/2 max-pooling (64 channels, 1/4 resolution).</summary>
    StemPool,

    /// <summary>The ReLU inside a basic block, after its first convolution and batch norm.</summary>
    BlockRelu,

    /// <summary>A basic block's output: residual sum followed by ReLU.</summary>
    BlockOutput,

    /// <summary>The final 7x7 average pooling (the model's ONNX output).</summary>
    AveragePool,
}
