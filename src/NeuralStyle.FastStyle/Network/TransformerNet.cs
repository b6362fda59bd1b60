using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.FastStyle.Network;

/// <summary>
/// The fast style network's parameters and its TorchSharp forward pass, interpreting
/// <see cref="NetworkPlan"/>. Any input size: the input is padded (reflecting) to a multiple of 4
/// and the output cropped back, so the output has exactly the input's size. Owns its tensors.
/// </summary>
internal sealed class TransformerNet : IDisposable
{
    private readonly IReadOnlyList<NetworkOp> _plan;
    private readonly Dictionary<string, torch.Tensor> _byKey;

    private TransformerNet(FastStyleArchitecture architecture, IReadOnlyList<KeyValuePair<string, torch.Tensor>> parameters)
    {
        Architecture = architecture;
        _plan = NetworkPlan.Of(architecture);
        Parameters = parameters;
        _byKey = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The network's shape.</summary>
    public FastStyleArchitecture Architecture { get; }

    /// <summary>Every parameter by its pytorch/examples key, in forward order.</summary>
    public IReadOnlyList<KeyValuePair<string, torch.Tensor>> Parameters { get; }

    /// <summary>The parameter named <paramref name="key"/>.</summary>
    public torch.Tensor this[string key] => _byKey[key];

    /// <summary>
    /// A new network initialised as PyTorch initialises <c>Conv2d</c> (uniform in
    /// ±1/√fan-in for weights and biases) and <c>InstanceNorm2d</c> (scale 1, shift 0), from
    /// <paramref name="seed"/> alone (its own generator: the global RNG is not touched).
    /// </summary>
    public static TransformerNet Initialize(FastStyleArchitecture architecture, long seed, torch.Device? device = null)
    {
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        var parameters = new List<KeyValuePair<string, torch.Tensor>>();
        foreach (NetworkOp op in NetworkPlan.Of(architecture))
        {
            if (op is ConvOp conv)
            {
                double bound = 1 / Math.Sqrt(conv.In * conv.Kernel * conv.Kernel);
                parameters.Add(new(conv.WeightKey, Uniform([conv.Out, conv.In, conv.Kernel, conv.Kernel], bound, generator, device)));
                parameters.Add(new(conv.BiasKey, Uniform([conv.Out], bound, generator, device)));
            }
            else if (op is NormOp norm)
            {
                parameters.Add(new(norm.WeightKey, torch.ones(norm.Channels, device: device)));
                parameters.Add(new(norm.BiasKey, torch.zeros(norm.Channels, device: device)));
            }
        }

        return new TransformerNet(architecture, parameters);
    }

    /// <summary>A network holding copies of <paramref name="state"/>'s tensors (already validated against <see cref="NetworkPlan.Parameters"/>).</summary>
    public static TransformerNet FromState(FastStyleArchitecture architecture, IReadOnlyDictionary<string, torch.Tensor> state, torch.Device? device = null)
    {
        // The scope holds each intermediate copy, so none is finalised while a native call reads it; the parameters leave it.
        using var scope = torch.NewDisposeScope();
        var parameters = NetworkPlan.Parameters(architecture)
            .Select(p => new KeyValuePair<string, torch.Tensor>(
                p.Key, state[p.Key].to(torch.ScalarType.Float32, device ?? torch.CPU, copy: true).contiguous().DetachFromDisposeScope()))
            .ToList();
        return new TransformerNet(architecture, parameters);
    }

    /// <summary>Makes every parameter a leaf that records (or stops recording) gradients.</summary>
    public void RequireGradients(bool required)
    {
        foreach (torch.Tensor parameter in _byKey.Values)
        {
            parameter.requires_grad_(required);
        }
    }

    /// <summary>The network's output for <c>[N, 3, H, W]</c> RGB in [0, 1] (not clamped), the input's size.</summary>
    public torch.Tensor Forward(torch.Tensor input) => Forward(input, out _);

    /// <summary>
    /// The network's output, and the bytes of every tensor the pass held: its peak, since nothing
    /// it makes is freed before it ends (what <see cref="Inference.TilePlan"/> sizes tiles by).
    /// </summary>
    public torch.Tensor Forward(torch.Tensor input, out long heldBytes) => Run(input, statistics: null, recorded: null, TrainingPrecision.Float32, out heldBytes);

    /// <summary>
    /// The output as training computes it in <paramref name="precision"/> (<see cref="TrainingPrecision.Float32"/>
    /// or <see cref="TrainingPrecision.BFloat16"/>, see <see cref="NetworkConvolution.Apply"/>): float32, in the
    /// input's layout, whatever the arithmetic inside.
    /// </summary>
    public torch.Tensor Forward(torch.Tensor input, TrainingPrecision precision) =>
        precision is TrainingPrecision.Float32 or TrainingPrecision.BFloat16
            ? Run(input, statistics: null, recorded: null, precision, out _)
            : throw new ArgumentOutOfRangeException(nameof(precision), precision, "Resolve the precision first (FastStyleTrainingSettings.PrecisionOn): Float32 or BFloat16.");

    /// <summary>
    /// The output with every instance normalisation using the given statistics (each <c>[N, C, 1, 1]</c>
    /// mean and variance, in the order of the network's normalisations) instead of the input's own:
    /// how tiles of one image are normalised alike.
    /// </summary>
    public torch.Tensor Forward(torch.Tensor input, IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)> statistics) =>
        Run(input, statistics, recorded: null, TrainingPrecision.Float32, out _);

    /// <summary>Each instance normalisation's input statistics over <paramref name="input"/> (per image and channel, <c>[N, C, 1, 1]</c>), in the network's order.</summary>
    public IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)> Statistics(torch.Tensor input)
    {
        var recorded = new List<(torch.Tensor Mean, torch.Tensor Variance)>();
        using (var scope = torch.NewDisposeScope())
        {
            Run(input, statistics: null, recorded, TrainingPrecision.Float32, out _);
            foreach ((torch.Tensor mean, torch.Tensor variance) in recorded)
            {
                mean.MoveToOuterDisposeScope();
                variance.MoveToOuterDisposeScope();
            }
        }

        return recorded;
    }

    private torch.Tensor Run(
        torch.Tensor input,
        IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)>? statistics,
        List<(torch.Tensor Mean, torch.Tensor Variance)>? recorded,
        TrainingPrecision precision,
        out long heldBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        long height = input.shape[^2], width = input.shape[^1];
        long padBottom = PadTo(height), padRight = PadTo(width);
        torch.Tensor x = padBottom + padRight > 0 ? pad(input, [0, padRight, 0, padBottom], PaddingModes.Reflect) : input;
        var shortcuts = new Stack<torch.Tensor>();
        int normalisation = 0;
        foreach (NetworkOp op in _plan)
        {
            x = Apply(op, x, shortcuts, precision, op is NormOp ? statistics?[normalisation++] : null, recorded);
        }

        if (precision == TrainingPrecision.BFloat16)
        {
            // Every convolution ran channels_last, most in bfloat16: the output is float32 again, in the input's layout.
            x = x.to(torch.ScalarType.Float32);
            x = TensorLayout.IsChannelsLast(input) ? x : x.contiguous();
        }

        if (padBottom + padRight > 0)
        {
            x = x.narrow(-2, 0, height).narrow(-1, 0, width);
        }

        heldBytes = scope.DisposablesView.OfType<torch.Tensor>().Sum(t => t.NumberOfElements * t.ElementSize);
        foreach ((torch.Tensor mean, torch.Tensor variance) in recorded ?? [])
        {
            mean.MoveToOuterDisposeScope();
            variance.MoveToOuterDisposeScope();
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One operation of the plan applied to <paramref name="x"/> as a pass applies it: a residual block's
    /// start pushes <paramref name="x"/> on <paramref name="shortcuts"/>, its sum pops it; a normalisation
    /// uses the <paramref name="given"/> statistics, else the input's own (recorded when asked).
    /// </summary>
    public torch.Tensor Apply(
        NetworkOp op,
        torch.Tensor x,
        Stack<torch.Tensor> shortcuts,
        TrainingPrecision precision,
        (torch.Tensor Mean, torch.Tensor Variance)? given = null,
        List<(torch.Tensor Mean, torch.Tensor Variance)>? recorded = null) => op switch
        {
            ConvOp conv => NetworkConvolution.Apply(x, _byKey[conv.WeightKey], _byKey[conv.BiasKey], conv, precision),
            NormOp norm => Normalize(x, norm, given, recorded),
            ReluOp => relu(x),
            ResidualStartOp => Remember(shortcuts, x),
            ResidualAddOp => x + shortcuts.Pop(),
            _ => throw new InvalidOperationException($"Unhandled operation {op}."),
        };

    /// <summary>How many rows (or columns) reach the next multiple of <see cref="NetworkPlan.SideMultiple"/>.</summary>
    public static long PadTo(long side) => (NetworkPlan.SideMultiple - (side % NetworkPlan.SideMultiple)) % NetworkPlan.SideMultiple;

    /// <summary>Instance normalisation, with the input's own statistics (recorded when asked) or the given ones.</summary>
    private torch.Tensor Normalize(torch.Tensor x, NormOp norm, (torch.Tensor Mean, torch.Tensor Variance)? given, List<(torch.Tensor Mean, torch.Tensor Variance)>? recorded)
    {
        torch.Tensor weight = _byKey[norm.WeightKey], bias = _byKey[norm.BiasKey];
        if (weight.dtype != x.dtype)
        {
            // bfloat16 training: the float32 master weights, cast differentiably.
            (weight, bias) = (weight.to(x.dtype), bias.to(x.dtype));
        }

        if (given is not (torch.Tensor mean, torch.Tensor variance))
        {
            recorded?.Add((x.mean([2, 3], keepdim: true), x.var([2, 3], unbiased: false, keepdim: true)));
            return instance_norm(x, weight: weight, bias: bias, eps: NormOp.Epsilon);
        }

        torch.Tensor scale = weight.view(1, -1, 1, 1) * variance.Plus(NormOp.Epsilon).rsqrt();
        return (x - mean) * scale + bias.view(1, -1, 1, 1);
    }

    private static torch.Tensor Remember(Stack<torch.Tensor> shortcuts, torch.Tensor x)
    {
        shortcuts.Push(x);
        return x;
    }

    private static torch.Tensor Uniform(long[] shape, double bound, torch.Generator generator, torch.Device? device)
    {
        // The scope holds the intermediates, so none is finalised while a native call reads it; the result leaves it.
        using var scope = torch.NewDisposeScope();
        torch.Tensor unit = torch.rand(shape, generator: generator);
        return unit.Times(2 * bound).Plus_(-bound).to(device ?? torch.CPU).DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (torch.Tensor parameter in _byKey.Values)
        {
            parameter.Dispose();
        }
    }
}
