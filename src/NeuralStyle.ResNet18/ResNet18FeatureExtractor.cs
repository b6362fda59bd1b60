using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.ResNet18.Network;
using NeuralStyle.ResNet18.Onnx;
using TorchSharp;

namespace NeuralStyle.ResNet18;

/// <summary>
/// The ImageNet-pretrained ResNet18 of package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// (a CNTK 2.6 ONNX export) as a frozen feature extractor in TorchSharp. It needs no download:
/// the model file comes with the package. Any input of at least <see cref="MinimumSide"/> pixels
/// per side works: for sides that are multiples of 32 the result is the ONNX model's (checked against
/// ONNX Runtime); other sides, where the ONNX graph itself cannot run, use torchvision's symmetric
/// padding so that every feature map is the input size divided by its stride, rounded up.
/// </summary>
public sealed class ResNet18FeatureExtractor : IFeatureExtractor
{
    /// <summary>The smallest image side the network accepts (stage 4 is 1/32 of the input).</summary>
    public const int MinimumSide = 32;

    private readonly ResNet18Network _network;
    private readonly NativeResourceGuard _guard;

    private ResNet18FeatureExtractor(ResNet18Network network, ResNet18Options options, string source)
    {
        _network = network;
        _guard = new NativeResourceGuard(nameof(ResNet18FeatureExtractor), network.Dispose);
        Device = options.Device ?? torch.CPU;
        DataType = options.DataType;
        Source = source;
    }

    private static readonly ChannelNormalization BgrChannelMeans =
        new(reverseChannels: true, scale: 255, mean: [103.0626, 115.9029, 123.1516], std: [1, 1, 1]);

    private static readonly RecommendedLayers RecommendedForStyle = BuildRecommended();

    /// <summary>Measured on CPU, float32: 400 MB baseline; peak = 3.5 x the listed layer outputs (convolution and batch-norm intermediates are not listed).</summary>
    public ExtractorMemoryProfile MemoryProfile { get; } = new(400L << 20, 3.5);

    /// <summary>Where the weights were read from.</summary>
    public string Source { get; }

    /// <inheritdoc />
    public string Name => "ResNet18";

    /// <inheritdoc />
    public IReadOnlyList<FeatureLayer> Layers => ResNet18Layer.All;

    /// <summary>
    /// The model's input normalisation: BGR, 0-255, minus the per-channel averages of the
    /// package's 224x224 mean image (<c>ResNetPreprocess.onnx</c>): B 103.0626, G 115.9029,
    /// R 123.1516. Channel means (rather than the per-pixel image) let any image size work.
    /// </summary>
    public ChannelNormalization Normalization => BgrChannelMeans;

    /// <inheritdoc />
    IInputNormalization IFeatureExtractor.Normalization => Normalization;

    /// <inheritdoc />
    public torch.Device Device { get; }

    /// <inheritdoc />
    public torch.ScalarType DataType { get; }

    /// <summary>
    /// The layers recommended for style transfer with this network: content on <c>stage2</c>
    /// (<c>layer2.1</c>: at equal style it keeps more of the photo than <c>layer3.0</c>, docs/quality.md);
    /// style on <c>stem</c>, <c>layer1.0.relu</c>, <c>stage1</c>, <c>layer2.0.relu</c>,
    /// <c>stage2</c>, <c>layer3.0.relu</c>, <c>stage3</c>, <c>layer4.0.relu</c>, <c>stage4</c>, equally weighted.
    /// </summary>
    public RecommendedLayers Recommended => RecommendedForStyle;

    /// <summary>
    /// Loads the model from <see cref="ResNet18Options.ModelPath"/> or, when that is null, from
    /// where <see cref="ResNet18ModelLocator"/> finds it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The model file was not found (the message says how to get it).</exception>
    /// <exception cref="InvalidWeightsException">The file is not a readable ONNX model of this ResNet18.</exception>
    public static ResNet18FeatureExtractor Load(ResNet18Options? options = null)
    {
        options ??= new ResNet18Options();
        using (torch.Tensor probe = torch.empty(0, options.DataType))
        {
            if (!torch.is_floating_point(probe))
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.DataType, "ResNet18Options.DataType must be a floating-point type.");
            }
        }

        string path = ResNet18ModelLocator.Locate(options.ModelPath);
        OnnxModel model = OnnxModelReader.Read(path);
        try
        {
            ResNet18Network network = ResNet18GraphLoader.Load(model, options.DataType, options.Device ?? torch.CPU);
            return new ResNet18FeatureExtractor(network, options, path);
        }
        catch (FormatException e)
        {
            throw new InvalidWeightsException($"'{path}' ({model.Producer}) does not hold the expected ResNet18: {e.Message}.", e);
        }
    }

    /// <summary>Every layer needs at least <see cref="MinimumSide"/> pixels per side: the network's padding rules are set for its whole depth.</summary>
    public int MinimumInputSide(FeatureLayer deepest) => MinimumSide;

    /// <inheritdoc />
    public bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem)
    {
        bool found = ResNet18Layer.TryParse(name, out ResNet18Layer? parsed, out problem);
        layer = parsed;
        return found;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new ArgumentException($"ResNet18 expects a [N, 3, H, W] input, got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (input.shape[2] < MinimumSide || input.shape[3] < MinimumSide)
        {
            throw new ArgumentException($"ResNet18 needs an image of at least {MinimumSide}x{MinimumSide} pixels, got {input.shape[3]}x{input.shape[2]}: use a larger output size.", nameof(input));
        }

        var wanted = new HashSet<ResNet18Layer>();
        foreach (FeatureLayer layer in layers)
        {
            wanted.Add(layer as ResNet18Layer
                ?? throw new ArgumentException($"'{layer}' ({layer.GetType().Name}) is not a ResNet18 layer.", nameof(layers)));
        }

        var result = new Dictionary<FeatureLayer, torch.Tensor>(wanted.Count);
        if (wanted.Count == 0)
        {
            return result;
        }

        using NativeResourceGuard.Use use = _guard.Enter();

        // The scope holds every activation, so none is finalised while the next layer reads it; the wanted ones leave it.
        using var scope = torch.NewDisposeScope();
        _network.Forward(input, wanted.MaxBy(l => l.Depth)!, (layer, value) =>
        {
            if (wanted.Contains(layer))
            {
                result[layer] = value;
            }
        });
        foreach (torch.Tensor kept in result.Values.Distinct())
        {
            kept.MoveToOuterDisposeScope();
        }

        return result;
    }

    /// <summary>Frees the weights; safe while another thread is extracting (they are freed when it finishes).</summary>
    public void Dispose() => _guard.Dispose();

    private static RecommendedLayers BuildRecommended()
    {
        ResNet18Layer[] style =
        [
            ResNet18Layer.Stem,
            ResNet18Layer.BlockRelu(1, 0), ResNet18Layer.StageOutput(1),
            ResNet18Layer.BlockRelu(2, 0), ResNet18Layer.StageOutput(2),
            ResNet18Layer.BlockRelu(3, 0), ResNet18Layer.StageOutput(3),
            ResNet18Layer.BlockRelu(4, 0), ResNet18Layer.StageOutput(4),
        ];
        return new RecommendedLayers(ResNet18Layer.StageOutput(2), style.Select(l => new WeightedLayer(l, 1.0 / style.Length)).ToArray());
    }
}
