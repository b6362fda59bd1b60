using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// The candidate repro of fast-style training diverging on AVX-512 CPUs (docs/troubleshooting.md):
/// libtorch's float32 convolution gradients, weights and data, for every convolution of the default
/// half-width fast style network at batch 2, checked against the same gradients in float64 (which
/// oneDNN does not run: ATen's reference path) and against themselves, run twice. A kernel that
/// reads memory it should not shows up as a wrong, non-finite or unrepeatable gradient. It passes on
/// the project's AVX-512 (Zen 4) and AVX2 machines; the machine the divergence was reported on has
/// not run it.
/// </summary>
public sealed class ConvolutionGradientTests
{
    /// <summary>The half-width network's convolutions (NetworkPlan): in, out, kernel, stride, input side at a 64 px crop.</summary>
    public static TheoryData<int, int, int, int, int> Convolutions => new()
    {
        { 3, 16, 9, 1, 64 },    // conv1
        { 16, 32, 3, 2, 64 },   // conv2
        { 32, 64, 3, 2, 32 },   // conv3
        { 64, 64, 3, 1, 16 },   // residual blocks
        { 64, 32, 3, 1, 32 },   // deconv1, after the x2 upsampling
        { 32, 16, 3, 1, 64 },   // deconv2, after the x2 upsampling
        { 16, 3, 9, 1, 64 },    // deconv3
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Float32_gradients_match_float64_and_repeat_exactly(int input, int output, int kernel, int stride, int side)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(42);
        Tensor x = randn([2, input, side + kernel - 1, side + kernel - 1], generator: generator);
        Tensor weight = randn([output, input, kernel, kernel], generator: generator) / Math.Sqrt(input * kernel * kernel);
        long outputSide = ((side - 1) / stride) + 1;
        Tensor upstream = randn([2, output, outputSide, outputSide], generator: generator);

        (Tensor dataGradient, Tensor weightGradient) = Gradients(x, weight, upstream, stride);
        (Tensor dataAgain, Tensor weightAgain) = Gradients(x, weight, upstream, stride);
        (Tensor dataReference, Tensor weightReference) = Gradients(x.to(float64), weight.to(float64), upstream.to(float64), stride);

        foreach ((string what, Tensor value, Tensor again, Tensor reference) in new[] { ("weight", weightGradient, weightAgain, weightReference), ("data", dataGradient, dataAgain, dataReference) })
        {
            Assert.True(value.isfinite().all().item<bool>(), $"the {what} gradient has non-finite values");
            Assert.True(value.eq(again).all().item<bool>(), $"the {what} gradient differs between two identical runs");
            double error = (value.to(float64) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
            Assert.True(error < 1e-4, $"the {what} gradient is off by {error:G3} of its largest value");
        }
    }

    private static (Tensor Data, Tensor Weight) Gradients(Tensor x, Tensor weight, Tensor upstream, int stride)
    {
        Tensor input = x.detach().requires_grad_(), kernel = weight.detach().requires_grad_();
        Tensor result = nn.functional.conv2d(input, kernel, strides: [stride, stride]);
        IList<Tensor> gradients = autograd.grad([result], [input, kernel], [upstream]);
        return (gradients[0], gradients[1]);
    }
}
