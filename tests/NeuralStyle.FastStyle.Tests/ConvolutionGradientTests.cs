using NeuralStyle.FastStyle.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.FastStyle.Tests;

/// <summary>
/// The repro of fast-style training's bad gradients on AVX-512 CPUs (docs/troubleshooting.md): every
/// convolution of every network width, as training runs it (<see cref="NetworkConvolution"/>), at
/// batch 2, its input and weight gradients in float32 against float64 (which oneDNN does not run) and
/// against a second run. With plain NCHW convolutions, the input gradient of each convolution whose
/// output channels are not a multiple of 16 (the last one, 3 channels) is wrong by 30–40 % of its
/// largest value, unrepeatable or not finite on an AMD EPYC Zen 5 with AVX-512 (libtorch 2.10); right
/// with oneDNN capped at AVX2.
/// </summary>
public sealed class ConvolutionGradientTests
{
    /// <summary>Each distinct convolution of the three widths' networks.</summary>
    public static TheoryData<NetworkWidth, string> Convolutions
    {
        get
        {
            var data = new TheoryData<NetworkWidth, string>();
            foreach (NetworkWidth width in Enum.GetValues<NetworkWidth>())
            {
                foreach (ConvOp conv in NetworkPlan.Of(new FastStyleArchitecture { Width = width, ResidualBlocks = 1 }).OfType<ConvOp>())
                {
                    data.Add(width, conv.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Training_gradients_match_float64_and_repeat_exactly(NetworkWidth width, string name)
    {
        ConvOp conv = NetworkPlan.Of(new FastStyleArchitecture { Width = width, ResidualBlocks = 1 }).OfType<ConvOp>().Single(c => c.Name == name);
        using var scope = NewDisposeScope();
        var generator = new Generator(42);
        int side = conv.Upsample ? 32 : 64;
        Tensor x = randn([2, conv.In, side, side], generator: generator);
        Tensor weight = randn([conv.Out, conv.In, conv.Kernel, conv.Kernel], generator: generator) / Math.Sqrt(conv.In * conv.Kernel * conv.Kernel);
        Tensor bias = randn([conv.Out], generator: generator);

        (Tensor output, Tensor dataGradient, Tensor weightGradient) = Gradients(x, weight, bias, conv);
        (_, Tensor dataAgain, Tensor weightAgain) = Gradients(x, weight, bias, conv);
        (Tensor outputReference, Tensor dataReference, Tensor weightReference) = Gradients(x.to(float64), weight.to(float64), bias.to(float64), conv);

        Assert.True(output.is_contiguous(), "a training convolution's output keeps the NCHW layout");
        foreach ((string what, Tensor value, Tensor again, Tensor reference) in new[]
        {
            ("output", output, output, outputReference),
            ("weight gradient", weightGradient, weightAgain, weightReference),
            ("input gradient", dataGradient, dataAgain, dataReference),
        })
        {
            Assert.True(value.isfinite().all().item<bool>(), $"{name}'s {what} has non-finite values");
            Assert.True(allclose(value, again, rtol: 0, atol: 0), $"{name}'s {what} differs between two identical runs");
            double error = (value.to(float64) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
            Assert.True(error < 1e-4, $"{name}'s {what} is off by {error:G3} of its largest value");
        }
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Inference_runs_the_plain_convolution(NetworkWidth width, string name)
    {
        ConvOp conv = NetworkPlan.Of(new FastStyleArchitecture { Width = width, ResidualBlocks = 1 }).OfType<ConvOp>().Single(c => c.Name == name);
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        Tensor x = rand([1, conv.In, 24, 24], generator: generator);
        Tensor weight = randn([conv.Out, conv.In, conv.Kernel, conv.Kernel], generator: generator);
        Tensor bias = randn([conv.Out], generator: generator);
        Tensor input = conv.Upsample ? nn.functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Nearest) : x;
        Tensor plain = nn.functional.conv2d(
            nn.functional.pad(input, [conv.Padding, conv.Padding, conv.Padding, conv.Padding], PaddingModes.Reflect), weight, bias, strides: [conv.Stride, conv.Stride]);

        using (no_grad())
        {
            Assert.True(allclose(NetworkConvolution.Apply(x, weight, bias, conv), plain, rtol: 0, atol: 0), "inference's output changed bits");
        }
    }

    [Fact]
    public void Exactly_the_convolutions_with_output_channels_off_the_vector_width_take_the_route()
    {
        IEnumerable<ConvOp> Routed(NetworkWidth width) =>
            NetworkPlan.Of(new FastStyleArchitecture { Width = width }).OfType<ConvOp>().Where(c => c.NeedsChannelsLastGradient);

        Assert.Equal(["deconv3"], Routed(NetworkWidth.Full).Select(c => c.Name));
        Assert.Equal(["deconv3"], Routed(NetworkWidth.Half).Select(c => c.Name));
        Assert.Equal(["conv1", "deconv2", "deconv3"], Routed(NetworkWidth.Quarter).Select(c => c.Name));
    }

    private static (Tensor Output, Tensor Data, Tensor Weight) Gradients(Tensor x, Tensor weight, Tensor bias, ConvOp conv)
    {
        Tensor input = x.detach().requires_grad_(), kernel = weight.detach().requires_grad_();
        Tensor result = NetworkConvolution.Apply(input, kernel, bias.detach(), conv);
        Tensor upstream = cos(arange(result.numel(), dtype: result.dtype)).reshape(result.shape);
        IList<Tensor> gradients = autograd.grad([result], [input, kernel], [upstream]);
        return (result.detach(), gradients[0], gradients[1]);
    }
}
