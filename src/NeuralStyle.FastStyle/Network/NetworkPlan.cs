namespace NeuralStyle.FastStyle.Network;

/// <summary>One operation of a fast style network, in forward order.</summary>
internal abstract record NetworkOp;

/// <summary>
/// A reflection-padded convolution (pytorch/examples' <c>ConvLayer</c>, or its
/// <c>UpsampleConvLayer</c> when <paramref name="Upsample"/>: nearest-neighbour x2 first).
/// Parameters <c>{Name}.conv2d.weight</c> <c>[Out, In, K, K]</c> and <c>{Name}.conv2d.bias</c> <c>[Out]</c>.
/// </summary>
internal sealed record ConvOp(string Name, int In, int Out, int Kernel, int Stride, bool Upsample) : NetworkOp
{
    /// <summary>
    /// The output channel counts whose input gradients libtorch's NCHW kernels computed right on
    /// every CPU measured (AVX2, AVX-512 on Zen 4 and Zen 5): multiples of 16, oneDNN's AVX-512
    /// float32 vector width.
    /// </summary>
    public const int SafeGradientChannels = 16;

    public string WeightKey => Name + ".conv2d.weight";

    public string BiasKey => Name + ".conv2d.bias";

    /// <summary>The reflection padding on each side: half the kernel, rounded down.</summary>
    public int Padding => Kernel / 2;

    /// <summary>
    /// Whether training must compute this convolution's input gradient on channels_last tensors:
    /// libtorch 2.10's oneDNN AVX-512 float32 backward-data kernel for NCHW tensors returns wrong,
    /// unrepeatable or non-finite input gradients when the output channels (<see cref="ConvolvedChannels"/>)
    /// are not a multiple of <see cref="SafeGradientChannels"/> (found on an AMD EPYC Zen 5; in
    /// training, every width's last convolution, 3 channels; the quarter width's conv1 has 8, but its
    /// input, the photo, needs no gradient; its deconv2, 8 channels, was routed until it was computed
    /// as four phases, 32 channels). The channels_last kernels were right on every ISA measured
    /// (ConvolutionGradientTests); inference never needs an input gradient. In bfloat16 training
    /// these convolutions run in float32 (channels_last): the bfloat16 kernels get their input
    /// gradient wrong in either layout.
    /// </summary>
    public bool NeedsChannelsLastGradient => ConvolvedChannels % SafeGradientChannels != 0;

    /// <summary>
    /// The output channels of the convolution libtorch runs: <see cref="Out"/>, or four times as
    /// many for an upsampling one, whose four output phases one convolution computes
    /// (<see cref="UpsampledConvolution"/>).
    /// </summary>
    public int ConvolvedChannels => Upsample ? 4 * Out : Out;
}

/// <summary>Affine instance normalisation; parameters <c>{Name}.weight</c> and <c>{Name}.bias</c> <c>[Channels]</c>.</summary>
internal sealed record NormOp(string Name, int Channels) : NetworkOp
{
    /// <summary>PyTorch's <c>InstanceNorm2d</c> epsilon.</summary>
    public const double Epsilon = 1e-5;

    public string WeightKey => Name + ".weight";

    public string BiasKey => Name + ".bias";
}

/// <summary>ReLU.</summary>
internal sealed record ReluOp : NetworkOp;

/// <summary>Remembers the current tensor as a residual block's shortcut.</summary>
internal sealed record ResidualStartOp : NetworkOp;

/// <summary>Adds the remembered shortcut (the end of a residual block).</summary>
internal sealed record ResidualAddOp : NetworkOp;

/// <summary>
/// The one description of the network's structure, read by the TorchSharp forward pass, the
/// parameter shapes the model file is checked against, and the ONNX exporter. Parameter names
/// are pytorch/examples' <c>TransformerNet</c> state-dict keys.
/// </summary>
internal static class NetworkPlan
{
    /// <summary>Inputs are padded (reflecting) to a multiple of this, then the output is cropped back: two stride-2 stages.</summary>
    public const int SideMultiple = 4;

    /// <summary>The operations of <paramref name="architecture"/>'s network, in forward order.</summary>
    public static IReadOnlyList<NetworkOp> Of(FastStyleArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        int c1 = architecture.BaseChannels, c2 = 2 * c1, c3 = 4 * c1;
        var ops = new List<NetworkOp>();
        void Stage(string conv, string norm, int input, int output, int kernel, int stride, bool upsample)
        {
            ops.Add(new ConvOp(conv, input, output, kernel, stride, upsample));
            ops.Add(new NormOp(norm, output));
            ops.Add(new ReluOp());
        }

        Stage("conv1", "in1", 3, c1, 9, 1, false);
        Stage("conv2", "in2", c1, c2, 3, 2, false);
        Stage("conv3", "in3", c2, c3, 3, 2, false);
        for (int block = 1; block <= architecture.ResidualBlocks; block++)
        {
            string name = $"res{block}";
            ops.Add(new ResidualStartOp());
            Stage(name + ".conv1", name + ".in1", c3, c3, 3, 1, false);
            ops.Add(new ConvOp(name + ".conv2", c3, c3, 3, 1, false));
            ops.Add(new NormOp(name + ".in2", c3));
            ops.Add(new ResidualAddOp());
        }

        Stage("deconv1", "in4", c3, c2, 3, 1, true);
        Stage("deconv2", "in5", c2, c1, 3, 1, true);
        ops.Add(new ConvOp("deconv3", c1, 3, 9, 1, false));
        return ops;
    }

    /// <summary>Every parameter's key and shape, in forward order.</summary>
    public static IReadOnlyList<(string Key, long[] Shape)> Parameters(FastStyleArchitecture architecture) =>
        Of(architecture).SelectMany<NetworkOp, (string, long[])>(op => op switch
        {
            ConvOp c => [(c.WeightKey, [c.Out, c.In, c.Kernel, c.Kernel]), (c.BiasKey, [c.Out])],
            NormOp n => [(n.WeightKey, [n.Channels]), (n.BiasKey, [n.Channels])],
            _ => [],
        }).ToArray();
}
