using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Testing;

/// <summary>
/// A feature extractor made in code, for the core's tests (no pretrained network): two seeded 3x3
/// convolutions with ReLU, the second with stride 2; layers <c>tiny1</c> and <c>tiny2</c> (16
/// channels each, the second at half size: a multiple of 16, since libtorch's AVX-512 kernels get the
/// input gradient of a convolution with fewer output channels wrong, docs/troubleshooting.md). Fast
/// enough for a transfer of a few evaluations at 32 px.
/// </summary>
internal sealed class TinyExtractor : IFeatureExtractor
{
    private readonly torch.Tensor _weight1;
    private readonly torch.Tensor _weight2;

    public TinyExtractor(int seed = 7)
    {
        using var generator = new torch.Generator((ulong)seed);
        _weight1 = (torch.randn([16, 3, 3, 3], generator: generator) * 0.3).DetachFromDisposeScope();
        _weight2 = (torch.randn([16, 16, 3, 3], generator: generator) * 0.1).DetachFromDisposeScope();
    }

    public static FeatureLayer First { get; } = new TinyLayer("tiny1", 1);

    public static FeatureLayer Second { get; } = new TinyLayer("tiny2", 2);

    public string Name => "Tiny";

    public IReadOnlyList<FeatureLayer> Layers { get; } = [First, Second];

    public IInputNormalization Normalization => ChannelNormalization.Torchvision;

    public torch.Device Device => torch.CPU;

    public torch.ScalarType DataType => torch.ScalarType.Float32;

    public RecommendedLayers Recommended { get; } = new(Second, [new WeightedLayer(First, 1), new WeightedLayer(Second, 1)]);

    public int MinimumInputSide(FeatureLayer deepest) => 4;

    public bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem)
    {
        layer = Layers.FirstOrDefault(l => l.Name == name);
        problem = layer is null ? $"Tiny has no layer '{name}': use tiny1 or tiny2." : null;
        return layer is not null;
    }

    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers)
    {
        torch.Tensor first = torch.nn.functional.relu(torch.nn.functional.conv2d(input, _weight1, padding: [1, 1]));
        var features = new Dictionary<FeatureLayer, torch.Tensor> { [First] = first };
        if (layers.Contains(Second))
        {
            features[Second] = torch.nn.functional.relu(torch.nn.functional.conv2d(first, _weight2, strides: [2, 2], padding: [1, 1]));
        }

        return features.Where(p => layers.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    public void Dispose()
    {
        _weight1.Dispose();
        _weight2.Dispose();
    }

    private sealed record TinyLayer(string LayerName, int LayerDepth) : FeatureLayer
    {
        public override string Name => LayerName;

        public override int Depth => LayerDepth;
    }
}
