using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.FastStyle.Network;

/// <summary>
/// An upsampling <see cref="ConvOp"/> (nearest-neighbour x2, reflection padding 1, a 3x3
/// convolution) computed on the small grid: the same function of the same parameters, without
/// the x2 image, its padding, or the 5 of each output's 9 products that nearest-neighbour repeats
/// make redundant (a 3x3 window of the x2 image covers 2x2 input pixels).
/// </summary>
/// <remarks>
/// <para>
/// Output row <c>2i + a</c> (<c>a</c> = 0 or 1) sees upsampled rows <c>2i + a - 1 .. 2i + a + 1</c>,
/// which are input rows <c>i - 1, i, i</c> for <c>a</c> = 0 and <c>i, i, i + 1</c> for <c>a</c> = 1;
/// the reflection of upsampled row -1 (row 1) is input row 0, and of row <c>2H</c> (row <c>2H - 2</c>)
/// is input row <c>H - 1</c>: the input's replicate padding. So each of the four phases
/// <c>(a, b)</c> of the output is a 2x2 convolution of the replicate-padded input, its kernel the 3x3
/// one with two rows and two columns summed (<see cref="PhaseKernels"/>), and one 2x2 convolution
/// with <c>4 x Out</c> channels computes all four. Phase <c>a</c>'s row <c>i</c> reads padded rows
/// <c>i + a</c> and <c>i + a + 1</c>, so it is row <c>i + a</c> of that convolution's <c>H + 1</c>
/// rows; <see cref="Interleave"/> takes those <c>H</c> rows (and columns likewise) and puts phase
/// <c>(a, b)</c> at rows <c>2i + a</c>, columns <c>2j + b</c>.
/// </para>
/// <para>
/// 4 products per output instead of 9 (about <c>4 (1 + 1/H)(1 + 1/W)</c>: each phase computes one row
/// and one column it does not keep): in a training step of the built-in styles' shape, 1.7x less
/// time for each of the two layers, forward and backward together (about 2.1x forward, 1.5x backward;
/// docs/fast-style.md). The results differ from
/// the upsampled convolution's only by rounding (UpsampledConvolutionTests checks outputs and
/// gradients against it in float64). The ONNX export keeps the upsampled form.
/// </para>
/// </remarks>
internal static class UpsampledConvolution
{
    /// <summary>The phases' 2x2 kernels <c>[4 x Out, In, 2, 2]</c>, phase <c>(a, b)</c> at channels <c>(2a + b) x Out ..</c>, folded differentiably from the 3x3 <paramref name="weight"/>.</summary>
    public static torch.Tensor PhaseKernels(torch.Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 4 || weight.shape[2] != 3 || weight.shape[3] != 3)
        {
            throw new ArgumentException($"An upsampling convolution's kernel is [Out, In, 3, 3], got [{string.Join(", ", weight.shape)}].", nameof(weight));
        }

        // The folding's views and partial sums stay in a scope of their own: a dispose scope around the
        // network's pass holds only the kernels (TransformerNet's held bytes, which plan the tiles).
        using var scope = torch.NewDisposeScope();
        torch.Tensor[] phases = new torch.Tensor[4];
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 2; b++)
            {
                phases[(2 * a) + b] = Fold(Fold(weight, 2, a), 3, b);
            }
        }

        return torch.cat(phases, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The phases' biases <c>[4 x Out]</c>, in <see cref="PhaseKernels"/>' channel order: <paramref name="bias"/> once per phase.</summary>
    public static torch.Tensor PhaseBiases(torch.Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(bias);
        return bias.repeat(4);
    }

    /// <summary>
    /// The upsampling convolution's output <c>[N, Out, 2H, 2W]</c> from the phases' convolution <paramref name="phases"/>
    /// <c>[N, 4 x Out, H + 1, W + 1]</c> of the replicate-padded <c>[N, In, H, W]</c> input; in
    /// <paramref name="phases"/>' layout (channels_last stays channels_last).
    /// </summary>
    public static torch.Tensor Interleave(torch.Tensor phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.dim() != 4 || phases.shape[1] % 4 != 0 || phases.shape[2] < 2 || phases.shape[3] < 2)
        {
            throw new ArgumentException(
                $"The phases' convolution is [N, 4 x Out, H + 1, W + 1] with H, W >= 1, got [{string.Join(", ", phases.shape)}]: convolve Pad(x) with PhaseKernels.", nameof(phases));
        }

        long n = phases.shape[0], channels = phases.shape[1] / 4, height = phases.shape[2] - 1, width = phases.shape[3] - 1;
        bool channelsLast = TensorLayout.IsChannelsLast(phases);

        // One pass: each phase written into its rows and columns of the output, held as [N, C, H, 2, W, 2]
        // (or [N, H, 2, W, 2, C] for channels_last), a view of [N, C, 2H, 2W]. The views are disposed as
        // soon as they are used, so that a dispose scope counts the output's memory once (as the kernels'
        // folding above).
        using torch.Tensor output = channelsLast
            ? torch.empty([n, height, 2, width, 2, channels], dtype: phases.dtype, device: phases.device)
            : torch.empty([n, channels, height, 2, width, 2], dtype: phases.dtype, device: phases.device);
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 2; b++)
            {
                using torch.Tensor channelSlice = phases.narrow(1, ((2 * a) + b) * channels, channels);
                using torch.Tensor rowSlice = channelSlice.narrow(2, a, height);
                using torch.Tensor phase = rowSlice.narrow(3, b, width);
                using torch.Tensor rows = output.select(channelsLast ? 2 : 3, a);
                using torch.Tensor target = rows.select(channelsLast ? 3 : 4, b);
                using torch.Tensor source = channelsLast ? phase.permute(0, 2, 3, 1) : phase.alias();
                target.copy_(source);
            }
        }

        if (!channelsLast)
        {
            return output.view(n, channels, 2 * height, 2 * width);
        }

        using torch.Tensor pixelsLast = output.view(n, 2 * height, 2 * width, channels);
        return pixelsLast.permute(0, 3, 1, 2);
    }

    /// <summary>The input's padding for <see cref="PhaseKernels"/>: one replicated row and column on each side.</summary>
    public static torch.Tensor Pad(torch.Tensor x) => pad(x, [1, 1, 1, 1], PaddingModes.Replicate);

    /// <summary>The 3x3 kernel's taps along <paramref name="dimension"/> folded onto the two input rows (or columns) phase <paramref name="phase"/> sees.</summary>
    private static torch.Tensor Fold(torch.Tensor kernel, int dimension, int phase)
    {
        torch.Tensor first = kernel.narrow(dimension, 0, 1), middle = kernel.narrow(dimension, 1, 1), last = kernel.narrow(dimension, 2, 1);
        return phase == 0 ? torch.cat([first, middle + last], dimension) : torch.cat([first + middle, last], dimension);
    }
}
