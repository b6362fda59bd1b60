using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.FastStyle.Tests.Network;

/// <summary>
/// The repro of fast-style training's bad gradients on AVX-512 CPUs (docs/troubleshooting.md): every
/// convolution of every network width, as training runs it (<see cref="NetworkConvolution"/>), at
/// batch 2, its output and gradients in float32 against float64 (which oneDNN does not run) and
/// against a second run: the weight gradient of each, and the input gradient of each but the first
/// (whose input, the photo, needs none). With plain NCHW convolutions, the input gradient of each
/// convolution whose output channels are not a multiple of 16 (every width's last, 3 channels; the
/// quarter width's deconv2 when it was upsampled before convolving, 8) is wrong by 30–60 % of its
/// largest value, unrepeatable or not finite on an AMD EPYC Zen 5 with AVX-512 (libtorch 2.10);
/// right with oneDNN capped at AVX2. In bfloat16 training the same kernels' bfloat16 versions are
/// wrong for those convolutions in either layout and for 3 input channels in NCHW: checked here too,
/// against float64 at bfloat16's accuracy. An upsampling convolution's float64 reference is its own
/// four-phase form, which <see cref="UpsampledConvolutionTests"/> holds to upsample, pad, convolve.
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

    /// <summary>Each distinct convolution of the three widths' networks, in each precision training computes in.</summary>
    public static TheoryData<NetworkWidth, string, TrainingPrecision> TrainingConvolutions
    {
        get
        {
            var data = new TheoryData<NetworkWidth, string, TrainingPrecision>();
            foreach (object[] row in Convolutions)
            {
                data.Add((NetworkWidth)row[0], (string)row[1], TrainingPrecision.Float32);
                data.Add((NetworkWidth)row[0], (string)row[1], TrainingPrecision.BFloat16);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TrainingConvolutions))]
    public void Training_gradients_match_float64_and_repeat_exactly(NetworkWidth width, string name, TrainingPrecision precision)
    {
        (ConvOp conv, bool first) = Find(width, name);
        using var scope = NewDisposeScope();
        var generator = new Generator(42);
        int side = conv.Upsample ? 32 : 64;
        Tensor x = randn([2, conv.In, side, side], generator: generator);
        Tensor weight = randn([conv.Out, conv.In, conv.Kernel, conv.Kernel], generator: generator) / Math.Sqrt(conv.In * conv.Kernel * conv.Kernel);
        Tensor bias = randn([conv.Out], generator: generator);
        bool inputGradient = !first;

        Run run = Gradients(x, weight, bias, conv, inputGradient, precision);
        Run again = Gradients(x, weight, bias, conv, inputGradient, precision);
        Run reference = Gradients(x.to(float64), weight.to(float64), bias.to(float64), conv, inputGradient);

        if (precision == TrainingPrecision.BFloat16)
        {
            Assert.True(TensorLayout.IsChannelsLast(run.Output), "a bfloat16 training convolution runs channels_last");
            Assert.Equal(conv.NeedsChannelsLastGradient ? float32 : bfloat16, run.Output.dtype);
        }
        else
        {
            Assert.True(run.Output.is_contiguous(), "a float32 training convolution's output keeps the NCHW layout");
        }

        // In bfloat16, 2^-8 per rounded operand (the faults were 7 % to not finite); a convolution run in float32 is held to float32's.
        double tolerance = run.Output.dtype == bfloat16 ? 0.02 : 1e-4;

        var checks = new List<(string, Tensor, Tensor, Tensor)>
        {
            ("output", run.Output, again.Output, reference.Output),
            ("weight gradient", run.Weight, again.Weight, reference.Weight),
        };
        if (inputGradient)
        {
            checks.Add(("input gradient", run.Data!, again.Data!, reference.Data!));
        }

        foreach ((string what, Tensor value, Tensor repeat, Tensor expected) in checks)
        {
            Assert.True(value.isfinite().all().item<bool>(), $"{name}'s {what} has non-finite values");
            Assert.True(allclose(value, repeat, rtol: 0, atol: 0), $"{name}'s {what} differs between two identical runs");
            double error = (value.to(float64) - expected).abs().max().item<double>() / expected.abs().max().item<double>();
            Assert.True(error < tolerance, $"{name}'s {what} is off by {error:G3} of its largest value");
        }
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Inference_takes_no_training_route_even_with_parameters_that_record_gradients(NetworkWidth width, string name)
    {
        (ConvOp conv, _) = Find(width, name);
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        Tensor x = rand([1, conv.In, 24, 24], generator: generator).requires_grad_();
        Tensor weight = randn([conv.Out, conv.In, conv.Kernel, conv.Kernel], generator: generator).requires_grad_();
        Tensor bias = randn([conv.Out], generator: generator).requires_grad_();

        // The plain convolution of the padded input. An upsampling one is compared with itself on frozen parameters: parameters that
        // record gradients must not change its route (its function is UpsampledConvolutionTests').
        Tensor plain = conv.Upsample
            ? NetworkConvolution.Apply(x.detach(), weight.detach(), bias.detach(), conv)
            : nn.functional.conv2d(
                nn.functional.pad(x.detach(), [conv.Padding, conv.Padding, conv.Padding, conv.Padding], PaddingModes.Reflect), weight.detach(), bias.detach(), strides: [conv.Stride, conv.Stride]);

        using (no_grad())
        {
            Assert.True(allclose(NetworkConvolution.Apply(x, weight, bias, conv), plain, rtol: 0, atol: 0), "inference's output changed bits");
        }
    }

    [Fact]
    public void A_network_whose_parameters_record_gradients_infers_bit_for_bit_as_a_frozen_one()
    {
        var architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 1 };
        using var frozen = TransformerNet.Initialize(architecture, 5);
        using var recording = TransformerNet.Initialize(architecture, 5);
        recording.RequireGradients(true);
        using var scope = NewDisposeScope();
        Tensor photo = rand([1, 3, 40, 36], generator: new Generator(3));
        using (no_grad())
        {
            Assert.True(allclose(recording.Forward(photo), frozen.Forward(photo), rtol: 0, atol: 0));
        }
    }

    [Fact]
    public void Exactly_the_convolutions_with_output_channels_off_the_vector_width_take_the_route()
    {
        IEnumerable<ConvOp> Routed(NetworkWidth width) =>
            NetworkPlan.Of(new FastStyleArchitecture { Width = width }).OfType<ConvOp>().Where(c => c.NeedsChannelsLastGradient);

        Assert.Equal(["deconv3"], Routed(NetworkWidth.Full).Select(c => c.Name));
        Assert.Equal(["deconv3"], Routed(NetworkWidth.Half).Select(c => c.Name));
        // conv1 would be routed, but its input (the photo) never needs a gradient in training; deconv2's 8 channels are 32 as four phases.
        Assert.Equal(["conv1", "deconv3"], Routed(NetworkWidth.Quarter).Select(c => c.Name));
    }

    /// <summary>The convolution of that name in the width's network, and whether it is the first (its input is the photo).</summary>
    private static (ConvOp Conv, bool First) Find(NetworkWidth width, string name)
    {
        ConvOp[] convolutions = NetworkPlan.Of(new FastStyleArchitecture { Width = width, ResidualBlocks = 1 }).OfType<ConvOp>().ToArray();
        ConvOp conv = convolutions.Single(c => c.Name == name);
        return (conv, conv == convolutions[0]);
    }

    private static Run Gradients(Tensor x, Tensor weight, Tensor bias, ConvOp conv, bool inputGradient, TrainingPrecision precision = TrainingPrecision.Float32)
    {
        Tensor input = inputGradient ? x.detach().requires_grad_() : x.detach(), kernel = weight.detach().requires_grad_();
        Tensor result = NetworkConvolution.Apply(input, kernel, bias.detach(), conv, precision);
        Tensor upstream = cos(arange(result.numel(), dtype: float64)).reshape(result.shape).to(result.dtype);
        IList<Tensor> gradients = autograd.grad([result], inputGradient ? [input, kernel] : [kernel], [upstream]);
        return new Run(result.detach(), inputGradient ? gradients[0] : null, gradients[^1]);
    }

    private sealed record Run(Tensor Output, Tensor? Data, Tensor Weight);
}
