using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Testing;

/// <summary>Wraps an extractor and records the size of every image it is given.</summary>
internal sealed class RecordingExtractor(IFeatureExtractor inner) : IFeatureExtractor
{
    public List<(long Height, long Width)> Sizes { get; } = [];

    /// <summary>Called before each extraction (e.g. to cancel a run part-way through an evaluation).</summary>
    public Action? BeforeExtract { get; set; }

    public string Name => inner.Name;

    public IReadOnlyList<FeatureLayer> Layers => inner.Layers;

    public IInputNormalization Normalization => inner.Normalization;

    public torch.Device Device => inner.Device;

    public torch.ScalarType DataType => inner.DataType;

    public RecommendedLayers Recommended => inner.Recommended;

    public int MinimumInputSide(FeatureLayer deepest) => inner.MinimumInputSide(deepest);

    public bool TryParseLayer(string name, [NotNullWhen(true)] out FeatureLayer? layer, [NotNullWhen(false)] out string? problem) =>
        inner.TryParseLayer(name, out layer, out problem);

    public IReadOnlyDictionary<FeatureLayer, torch.Tensor> ExtractNormalized(torch.Tensor input, IReadOnlyCollection<FeatureLayer> layers)
    {
        BeforeExtract?.Invoke();
        Sizes.Add((input.shape[^2], input.shape[^1]));
        return inner.ExtractNormalized(input, layers);
    }

    public void Dispose()
    {
    }
}
