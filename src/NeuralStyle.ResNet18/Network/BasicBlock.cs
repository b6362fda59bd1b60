using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.ResNet18.Network;

/// <summary>A ResNet basic block: <c>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))</c>.</summary>
internal sealed class BasicBlock : IDisposable
{
    public BasicBlock(ConvBatchNorm first, ConvBatchNorm second, ConvBatchNorm? projection)
    {
        First = first;
        Second = second;
        Projection = projection;
    }

    public ConvBatchNorm First { get; }

    public ConvBatchNorm Second { get; }

    /// <summary>The 1x1 strided projection of the shortcut, or null for an identity shortcut.</summary>
    public ConvBatchNorm? Projection { get; }

    /// <summary>The ReLU after the first convolution.</summary>
    public torch.Tensor Inner(torch.Tensor input) => relu(First.Forward(input));

    /// <summary>The block output from its input and <see cref="Inner"/>'s result.</summary>
    public torch.Tensor Output(torch.Tensor input, torch.Tensor inner)
    {
        torch.Tensor shortcut = Projection is null ? input : Projection.Forward(input);
        return relu(Second.Forward(inner).add_(shortcut));
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
        Projection?.Dispose();
    }
}
