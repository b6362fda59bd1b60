using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.ResNet18.Network;

/// <summary>The ResNet18 forward pass, layer by layer, emitting each typed layer as it is computed.</summary>
internal sealed class ResNet18Network : IDisposable
{
    public ResNet18Network(ConvBatchNorm stem, PoolingWindow maxPool, IReadOnlyList<BasicBlock> blocks, PoolingWindow averagePool)
    {
        Stem = stem;
        MaxPool = maxPool;
        Blocks = blocks;
        AveragePool = averagePool;
    }

    public ConvBatchNorm Stem { get; }

    public PoolingWindow MaxPool { get; }

    /// <summary>The basic blocks in forward order (stage by stage).</summary>
    public IReadOnlyList<BasicBlock> Blocks { get; }

    public PoolingWindow AveragePool { get; }

    /// <summary>
    /// Runs the network up to <paramref name="deepest"/> and calls <paramref name="emit"/> with each
    /// layer's activation as it is computed.
    /// </summary>
    public void Forward(torch.Tensor input, ResNet18Layer deepest, Action<ResNet18Layer, torch.Tensor> emit)
    {
        torch.Tensor x = relu(Stem.Forward(input));
        emit(ResNet18Layer.Stem, x);
        if (deepest.Depth == ResNet18Layer.Stem.Depth)
        {
            return;
        }

        x = max_pool2d(x, [MaxPool.Kernel, MaxPool.Kernel], [MaxPool.Stride, MaxPool.Stride], MaxPool.Padding.Symmetric);
        emit(ResNet18Layer.StemPool, x);

        int layerIndex = ResNet18Layer.StemPool.Depth + 1;
        foreach (BasicBlock block in Blocks)
        {
            if (layerIndex > deepest.Depth)
            {
                return;
            }

            torch.Tensor inner = block.Inner(x);
            emit(ResNet18Layer.All[layerIndex++], inner);
            if (layerIndex > deepest.Depth)
            {
                return;
            }

            x = block.Output(x, inner);
            emit(ResNet18Layer.All[layerIndex++], x);
        }

        if (deepest.Kind == ResNet18LayerKind.AveragePool)
        {
            if (x.shape[^2] < AveragePool.Kernel || x.shape[^1] < AveragePool.Kernel)
            {
                throw new ArgumentException(
                    $"avgpool needs stage 4 to be at least {AveragePool.Kernel}x{AveragePool.Kernel}, got {x.shape[^2]}x{x.shape[^1]}: use an input of at least {AveragePool.Kernel * 32} px per side.");
            }

            emit(ResNet18Layer.AveragePool, avg_pool2d(x, [AveragePool.Kernel, AveragePool.Kernel], [AveragePool.Stride, AveragePool.Stride]));
        }
    }

    public void Dispose()
    {
        Stem.Dispose();
        foreach (BasicBlock block in Blocks)
        {
            block.Dispose();
        }
    }
}
