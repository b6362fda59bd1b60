using NeuralStyle.Engine;
using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Vgg;

/// <summary>
/// VGG19's convolutional feature stack (torchvision layout) as a frozen feature extractor. Build it
/// from a weights file with <see cref="FromFile"/> or from tensors with <see cref="FromStateDict"/>.
/// Only the convolutions up to <see cref="Vgg19Options.DeepestLayer"/> are kept, and each
/// extraction runs only as deep as the deepest layer it is asked for.
/// </summary>
public sealed class Vgg19FeatureExtractor : IFeatureExtractor
{
    /// <summary>The factor <see cref="Vgg19Pooling.ScaledAverage"/> multiplies average pooling by.</summary>
    public const double AverageMagnitudeCorrection = 2;

    private readonly List<(torch.Tensor Weight, torch.Tensor Bias)> _convolutions;
    private readonly Vgg19Options _options;
    private readonly NativeResourceGuard _guard;

    private Vgg19FeatureExtractor(List<(torch.Tensor, torch.Tensor)> convolutions, Vgg19Options options, IReadOnlyList<FeatureLayer> layers)
    {
        _convolutions = convolutions;
        _options = options;
        _guard = new NativeResourceGuard(nameof(Vgg19FeatureExtractor), ReleaseWeights);
        Layers = layers;
        Normalization = options.Preprocessing.Normalization();
        Device = options.Device ?? torch.CPU;
        Recommended = RecommendedFor(layers);
    }

    /// <summary>
    /// The state-dictionary keys and shapes of torchvision's <c>vgg19().features</c>, in order
    /// (<c>features.N.weight</c> <c>[out, in, 3, 3]</c>, <c>features.N.bias</c> <c>[out]</c>).
    /// </summary>
    public static IReadOnlyList<(string Key, long[] Shape)> TorchvisionKeys { get; } = BuildKeys();

    /// <inheritdoc />
    public string Name => "VGG19";

    /// <inheritdoc />
    public IReadOnlyList<FeatureLayer> Layers { get; }

    /// <inheritdoc />
    public IInputNormalization Normalization { get; }

    /// <inheritdoc />
    public torch.Device Device { get; }

    /// <inheritdoc />
    public torch.ScalarType DataType => _options.DataType;

    /// <inheritdoc />
    public RecommendedLayers Recommended { get; }

    /// <summary>Measured on CPU, float32: 350 MB baseline; peak = 1.75 x the listed conv and ReLU outputs.</summary>
    public ExtractorMemoryProfile MemoryProfile { get; } = new(350L << 20, 1.75);

    /// <summary>The options it was built with.</summary>
    public Vgg19Options Options => _options;

    /// <summary>Loads weights from a <c>.pth</c> (zip or legacy) or <c>.safetensors</c> file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidWeightsException">The file is unreadable or its keys or shapes do not fit VGG19.</exception>
    public static Vgg19FeatureExtractor FromFile(string path, Vgg19Options? options = null)
    {
        using StateDictionary state = CheckpointReader.Read(path);
        return FromStateDict(state, options, $"'{path}'");
    }

    /// <summary>
    /// Builds the extractor from a state dictionary with torchvision's keys (<c>features.N.weight</c>,
    /// or <c>N.weight</c> for a bare <c>features</c> module). Other keys (<c>classifier.*</c>) are
    /// ignored. The tensors are copied; the caller keeps ownership of them.
    /// </summary>
    /// <exception cref="InvalidWeightsException">A needed key is missing or has the wrong shape, dtype or values.</exception>
    public static Vgg19FeatureExtractor FromStateDict(IReadOnlyDictionary<string, torch.Tensor> state, Vgg19Options? options = null, string source = "the state dictionary")
    {
        ArgumentNullException.ThrowIfNull(state);
        options ??= new Vgg19Options();
        if (!Enum.IsDefined(options.Preprocessing) || !Enum.IsDefined(options.Pooling))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Unknown VGG19 preprocessing or pooling.");
        }

        Vgg19Layer deepest = options.DeepestLayer ?? Vgg19Layer.All[^1];
        int convolutions = deepest.ConvolutionIndex + 1;
        IReadOnlyDictionary<string, torch.Tensor> keyed = state.Keys.Any(k => k.StartsWith("features.", StringComparison.Ordinal))
            ? state
            : state.ToDictionary(p => "features." + p.Key, p => p.Value);
        var expected = TorchvisionKeys.Take(2 * convolutions).ToDictionary(k => k.Key, k => k.Shape);
        StateDictionaryValidator.Validate(source, keyed, expected);

        torch.Device device = options.Device ?? torch.CPU;
        var weights = new List<(torch.Tensor, torch.Tensor)>(convolutions);
        try
        {
            using var noGrad = torch.no_grad();
            for (int i = 0; i < convolutions; i++)
            {
                torch.Tensor weight = Copy(keyed[TorchvisionKeys[2 * i].Key], options.DataType, device, options.ChannelsLast);
                torch.Tensor bias = Copy(keyed[TorchvisionKeys[(2 * i) + 1].Key], options.DataType, device, channelsLast: false);
                weights.Add((weight, bias));
            }
        }
        catch
        {
            foreach ((torch.Tensor w, torch.Tensor b) in weights)
            {
                w.Dispose();
                b.Dispose();
            }

            throw;
        }

        return new Vgg19FeatureExtractor(weights, options, Vgg19Layer.All.Take(deepest.Depth + 1).ToArray());
    }

    /// <inheritdoc />
    public bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem)
    {
        layer = null;
        if (!Vgg19Layer.TryParse(name, out Vgg19Layer? parsed, out problem))
        {
            return false;
        }

        if (parsed.Depth >= Layers.Count)
        {
            problem = $"'{name}' is deeper than this extractor's last layer {Layers[^1].Name}: set Vgg19Options.DeepestLayer to keep it.";
            return false;
        }

        layer = parsed;
        return true;
    }

    /// <summary>Each pooling up to <paramref name="deepest"/> halves the image: it needs 2^pools pixels per side.</summary>
    public int MinimumInputSide(FeatureLayer deepest)
    {
        ArgumentNullException.ThrowIfNull(deepest);
        int pools = Vgg19Layer.All.Count(l => l.Kind == Vgg19LayerKind.Pool && l.Depth <= deepest.Depth);
        return 1 << pools;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new ArgumentException($"VGG19 expects a [N, 3, H, W] input, got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        var wanted = new HashSet<int>();
        foreach (FeatureLayer layer in layers)
        {
            if (layer is not Vgg19Layer vgg || vgg.Depth >= Layers.Count)
            {
                throw new ArgumentException($"'{layer}' is not a layer of this VGG19 extractor (last layer: {Layers[^1].Name}).", nameof(layers));
            }

            wanted.Add(vgg.Depth);
        }

        var result = new Dictionary<FeatureLayer, torch.Tensor>(wanted.Count);
        if (wanted.Count == 0)
        {
            return result;
        }

        using NativeResourceGuard.Use use = _guard.Enter();

        // The scope holds every activation, so none is finalised while the next layer reads it; the wanted ones leave it.
        using var scope = torch.NewDisposeScope();
        int deepest = wanted.Max();
        torch.Tensor x = _options.ChannelsLast ? TensorLayout.ToChannelsLast(input) : input;
        int convolution = 0;
        foreach (Vgg19Layer layer in Vgg19Layer.All)
        {
            if (layer.Depth > deepest)
            {
                break;
            }

            x = layer.Kind switch
            {
                Vgg19LayerKind.Conv => conv2d(x, _convolutions[convolution].Weight, _convolutions[convolution++].Bias, padding: [1, 1]),
                Vgg19LayerKind.Relu => relu(x),
                _ => Pool(x),
            };
            if (wanted.Contains(layer.Depth))
            {
                result[layer] = x;
            }
        }

        foreach (torch.Tensor kept in result.Values.Distinct())
        {
            kept.MoveToOuterDisposeScope();
        }

        return result;
    }

    private torch.Tensor Pool(torch.Tensor x) => _options.Pooling switch
    {
        Vgg19Pooling.Max => max_pool2d(x, [2, 2], [2, 2]),
        Vgg19Pooling.Average => avg_pool2d(x, [2, 2], [2, 2]),
        _ => avg_pool2d(x, [2, 2], [2, 2]).Times_(AverageMagnitudeCorrection),
    };

    /// <summary>Frees the weights; safe while another thread is extracting (they are freed when it finishes).</summary>
    public void Dispose() => _guard.Dispose();

    private void ReleaseWeights()
    {
        foreach ((torch.Tensor weight, torch.Tensor bias) in _convolutions)
        {
            weight.Dispose();
            bias.Dispose();
        }

        _convolutions.Clear();
    }

    /// <summary>A frozen copy of a weight outside any dispose scope, optionally with channels_last strides.</summary>
    private static torch.Tensor Copy(torch.Tensor source, torch.ScalarType dtype, torch.Device device, bool channelsLast)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor copy = source.detach().to(dtype, device, copy: true);
        return (channelsLast ? TensorLayout.ToChannelsLast(copy) : copy).requires_grad_(false).DetachFromDisposeScope();
    }

    private static RecommendedLayers RecommendedFor(IReadOnlyList<FeatureLayer> layers)
    {
        var style = new[] { Vgg19Layer.Relu1_1, Vgg19Layer.Relu2_1, Vgg19Layer.Relu3_1, Vgg19Layer.Relu4_1, Vgg19Layer.Relu5_1 }
            .Where(l => l.Depth < layers.Count)
            .ToArray();
        FeatureLayer content = Vgg19Layer.Relu4_2.Depth < layers.Count ? Vgg19Layer.Relu4_2 : layers[^1];
        if (style.Length == 0)
        {
            style = [(Vgg19Layer)layers[^1]];
        }

        return new RecommendedLayers(content, style.Select(l => new WeightedLayer(l, 1.0 / style.Length)).ToArray());
    }

    private static List<(string, long[])> BuildKeys()
    {
        var keys = new List<(string, long[])>();
        long inChannels = 3;
        foreach (Vgg19Layer conv in Vgg19Layer.All.Where(l => l.Kind == Vgg19LayerKind.Conv))
        {
            long outChannels = conv.Block switch { 1 => 64, 2 => 128, 3 => 256, _ => 512 };
            keys.Add(($"features.{conv.Depth}.weight", [outChannels, inChannels, 3, 3]));
            keys.Add(($"features.{conv.Depth}.bias", [outChannels]));
            inChannels = outChannels;
        }

        return keys;
    }
}
