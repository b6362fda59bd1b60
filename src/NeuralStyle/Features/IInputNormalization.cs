using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>
/// Maps an RGB image tensor with values in [0, 1] to the input space a network was trained on
/// (channel order, scale, mean and standard deviation), and back.
/// </summary>
public interface IInputNormalization
{
    /// <summary>Converts a <c>[N, 3, H, W]</c> RGB tensor in [0, 1] to network input.</summary>
    torch.Tensor Normalize(torch.Tensor rgb);

    /// <summary>Converts network input back to a <c>[N, 3, H, W]</c> RGB tensor in [0, 1] (not clamped).</summary>
    torch.Tensor Denormalize(torch.Tensor input);
}
