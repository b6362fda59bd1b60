using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.FastStyle.Network;

/// <summary>
/// One <see cref="ConvOp"/> of the network: optional nearest-neighbour x2 upsampling (computed on
/// the small grid, <see cref="UpsampledConvolution"/>), reflection padding, then the convolution,
/// routed around a libtorch kernel that computes wrong input gradients (see
/// <see cref="ConvOp.NeedsChannelsLastGradient"/>), in float32 or, in bfloat16 training, in bfloat16.
/// </summary>
internal static class NetworkConvolution
{
    /// <summary>
    /// <paramref name="conv"/> applied to <paramref name="x"/>. When the input gradient will be
    /// computed (<paramref name="x"/> records gradients: training) and the convolution needs it,
    /// the convolution runs on channels_last tensors and its result comes back in the input's layout
    /// (NCHW unless the input was channels_last), so nothing after it changes layout; otherwise
    /// (inference) it is the plain convolution.
    /// </summary>
    /// <remarks>
    /// With <see cref="TrainingPrecision.BFloat16"/> (training only) every convolution runs
    /// channels_last and returns channels_last: in bfloat16 (weights cast from the float32 master
    /// copies, differentiably), but those with <see cref="ConvOp.NeedsChannelsLastGradient"/>, which
    /// run in float32: libtorch 2.10's oneDNN AVX-512 bfloat16 kernels return wrong input gradients
    /// for them in either layout (for every width's last convolution, 3 channels, not finite on an
    /// AMD EPYC Zen 5), and for any convolution with such channel counts in NCHW.
    /// </remarks>
    public static torch.Tensor Apply(torch.Tensor x, torch.Tensor weight, torch.Tensor bias, ConvOp conv, TrainingPrecision precision = TrainingPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(conv);
        if (conv.Upsample)
        {
            if (conv.Stride != 1)
            {
                throw new ArgumentException($"{conv.Name} upsamples x2 and convolves with stride 1; a stride of {conv.Stride} is not supported.", nameof(conv));
            }

            torch.Tensor phases = Convolve(UpsampledConvolution.Pad(x), UpsampledConvolution.PhaseKernels(weight), UpsampledConvolution.PhaseBiases(bias), 1, conv, precision);
            return UpsampledConvolution.Interleave(phases);
        }

        int p = conv.Padding;
        return Convolve(pad(x, [p, p, p, p], PaddingModes.Reflect), weight, bias, conv.Stride, conv, precision);
    }

    /// <summary>The convolution of the padded input, in the layout and precision <see cref="Apply"/> describes.</summary>
    private static torch.Tensor Convolve(torch.Tensor padded, torch.Tensor weight, torch.Tensor bias, int stride, ConvOp conv, TrainingPrecision precision)
    {
        long[] strides = [stride, stride];
        if (precision == TrainingPrecision.BFloat16)
        {
            torch.ScalarType type = conv.NeedsChannelsLastGradient ? torch.ScalarType.Float32 : torch.ScalarType.BFloat16;
            return conv2d(TensorLayout.ToChannelsLast(padded.to(type)), TensorLayout.ToChannelsLast(weight.to(type)), bias.to(type), strides: strides);
        }

        if (padded.requires_grad && conv.NeedsChannelsLastGradient)
        {
            torch.Tensor result = conv2d(TensorLayout.ToChannelsLast(padded), TensorLayout.ToChannelsLast(weight), bias, strides: strides);
            return TensorLayout.IsChannelsLast(padded) ? result : result.contiguous();
        }

        return conv2d(padded, weight, bias, strides: strides);
    }
}
