using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.FastStyle.Tests.Network;

/// <summary>
/// An upsampling convolution computed as four phases on the small grid (<see cref="UpsampledConvolution"/>)
/// is the function pytorch/examples' <c>UpsampleConvLayer</c> computes (nearest-neighbour x2,
/// reflection padding 1, the 3x3 convolution): output and every gradient, in float64, at sizes whose
/// edges and odd sides would show a misplaced phase or padding.
/// </summary>
public sealed class UpsampledConvolutionTests
{
    /// <summary>6 output channels convolve 24 (off 16: the channels_last route when gradients are taken), 8 convolve 32 (plain).</summary>
    [Theory]
    [InlineData(1, 1, 6, false)]
    [InlineData(2, 3, 6, false)]
    [InlineData(7, 4, 6, false)]
    [InlineData(9, 13, 6, true)]
    [InlineData(5, 6, 8, false)]
    [InlineData(6, 5, 8, true)]
    public void Equals_upsampling_then_the_reflection_padded_convolution_with_the_same_gradients(int height, int width, int outputs, bool channelsLast)
    {
        using var scope = NewDisposeScope();
        var upsampling = new ConvOp("deconv", 5, outputs, 3, 1, true);
        var generator = new Generator(11);
        Tensor x = randn([2, upsampling.In, height, width], float64, generator: generator);
        x = channelsLast ? TensorLayout.ToChannelsLast(x) : x;
        Tensor weight = randn([upsampling.Out, upsampling.In, 3, 3], float64, generator: generator);
        Tensor bias = randn([upsampling.Out], float64, generator: generator);

        (Tensor output, Tensor[] gradients) = OutputAndGradients(x, weight, bias, (i, w, b) => NetworkConvolution.Apply(i, w, b, upsampling));
        (Tensor expected, Tensor[] expectedGradients) = OutputAndGradients(x, weight, bias, Reference);

        Assert.Equal(expected.shape, output.shape);
        Assert.Equal(channelsLast, TensorLayout.IsChannelsLast(output));
        Assert.True(allclose(output, expected, rtol: 1e-12, atol: 1e-12), "the output differs");
        string[] names = ["input", "weight", "bias"];
        for (int i = 0; i < names.Length; i++)
        {
            Assert.True(allclose(gradients[i], expectedGradients[i], rtol: 1e-12, atol: 1e-12), $"the {names[i]} gradient differs");
        }
    }

    /// <summary>
    /// 16 output channels convolve 64 (bfloat16); 6 convolve 24, off 16, which bfloat16 training runs in float32 (the
    /// bfloat16 kernels' input gradients are wrong there): either way channels_last, close to float64, gradients too.
    /// </summary>
    [Theory]
    [InlineData(16, ScalarType.BFloat16)]
    [InlineData(6, ScalarType.Float32)]
    public void Bfloat16_training_returns_channels_last_close_to_float64_with_the_gradients(int outputs, ScalarType computed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(4);
        var conv = new ConvOp("deconv", 16, outputs, 3, 1, true);
        Tensor x = rand([2, 16, 6, 5], generator: generator);
        Tensor weight = randn([outputs, 16, 3, 3], generator: generator) / 12;
        Tensor bias = randn([outputs], generator: generator);

        (Tensor output, Tensor[] gradients) = OutputAndGradients(x, weight, bias, (i, w, b) => NetworkConvolution.Apply(i, w, b, conv, TrainingPrecision.BFloat16));
        (Tensor expected, Tensor[] expectedGradients) = OutputAndGradients(x.to(float64), weight.to(float64), bias.to(float64), Reference);

        Assert.Equal(computed, output.dtype);
        Assert.True(TensorLayout.IsChannelsLast(output));
        string[] names = ["output", "input gradient", "weight gradient", "bias gradient"];
        Tensor[] actual = [output, .. gradients], reference = [expected, .. expectedGradients];
        for (int i = 0; i < names.Length; i++)
        {
            double error = (actual[i].to(float64) - reference[i]).abs().max().item<double>() / reference[i].abs().max().item<double>();
            Assert.True(error < 0.02, $"the {names[i]} is off by {error:G3} of its largest value");
        }
    }

    [Fact]
    public void A_dispose_scope_counts_each_buffer_once_for_the_tile_plan()
    {
        // TransformerNet's held bytes (which size the inference tiles) sum a dispose scope's tensors: a view left
        // in it would count its buffer again and tile images that fit whole.
        using var scope = NewDisposeScope();
        var conv = new ConvOp("deconv", 4, 8, 3, 1, true);
        Tensor x = rand([1, 4, 40, 48]), weight = randn([8, 4, 3, 3]), bias = randn([8]);
        long held;
        using (no_grad())
        using (var pass = NewDisposeScope())
        {
            NetworkConvolution.Apply(x, weight, bias, conv);
            held = pass.DisposablesView.OfType<Tensor>().Sum(t => t.NumberOfElements * t.ElementSize);
        }

        // The replicate-padded input, the phase kernels [32, 4, 2, 2] and biases [32], the phases' convolution and the output.
        long floats = (4 * 42 * 50) + (32 * 4 * 2 * 2) + 32 + (32 * 41 * 49) + (8 * 80 * 96);
        Assert.Equal(floats * sizeof(float), held);
    }

    [Fact]
    public void Refuses_a_kernel_other_than_3x3()
    {
        using Tensor weight = zeros(4, 4, 5, 5);
        ArgumentException refused = Assert.Throws<ArgumentException>(() => UpsampledConvolution.PhaseKernels(weight));
        Assert.Contains("[Out, In, 3, 3], got [4, 4, 5, 5]", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new long[] { 1, 6, 5, 5 })]
    [InlineData(new long[] { 1, 8, 1, 5 })]
    [InlineData(new long[] { 8, 5, 5 })]
    public void Refuses_to_interleave_what_is_not_a_phases_convolution(long[] shape)
    {
        using Tensor phases = zeros(shape);
        ArgumentException refused = Assert.Throws<ArgumentException>(() => UpsampledConvolution.Interleave(phases));
        Assert.Contains($"got [{string.Join(", ", shape)}]", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_upsampling_convolution_with_a_stride()
    {
        using var scope = NewDisposeScope();
        var strided = new ConvOp("deconv", 4, 8, 3, 2, true);
        ArgumentException refused = Assert.Throws<ArgumentException>(() => NetworkConvolution.Apply(zeros(1, 4, 6, 6), zeros(8, 4, 3, 3), zeros(8), strided));
        Assert.Contains("a stride of 2 is not supported", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>pytorch/examples' <c>UpsampleConvLayer</c>: upsample, pad, convolve.</summary>
    private static Tensor Reference(Tensor x, Tensor weight, Tensor bias) =>
        nn.functional.conv2d(
            nn.functional.pad(nn.functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Nearest), [1, 1, 1, 1], PaddingModes.Reflect),
            weight,
            bias);

    private static (Tensor Output, Tensor[] Gradients) OutputAndGradients(Tensor x, Tensor weight, Tensor bias, Func<Tensor, Tensor, Tensor, Tensor> convolution)
    {
        Tensor[] leaves = [x.detach().requires_grad_(), weight.detach().requires_grad_(), bias.detach().requires_grad_()];
        Tensor output = convolution(leaves[0], leaves[1], leaves[2]);
        // Positive, so that the bias gradient (a sum over every output) does not cancel to bfloat16's rounding of the terms.
        Tensor upstream = (1.5 + cos(arange(output.numel(), dtype: float64))).reshape(output.shape).to(output.dtype);
        return (output.detach(), [.. autograd.grad([output], leaves, [upstream])]);
    }
}
