using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

/// <summary>
/// Tiles against the whole image with the code-made <see cref="TinyExtractor"/> (a 3x3 convolution, then a
/// stride-2 one: 3 px of context at <c>tiny2</c>): with a halo that leaves that context beyond the blend,
/// the assembled maps and the image's gradient are the whole image's.
/// </summary>
public sealed class TiledExtractionTests : IDisposable
{
    private static readonly TilingSettings Tiles = new() { TileSize = 64, Halo = 16, BlendWidth = 8 };
    private static readonly FeatureLayer[] Layers = [TinyExtractor.First, TinyExtractor.Second];
    private readonly TinyExtractor _extractor = new();

    [Fact]
    public void The_assembled_maps_are_the_whole_image_s_features()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor image = Image(150, 136);
        int calls = 0;
        var tiled = new TiledExtraction((x, l) => { calls++; return _extractor.ExtractNormalized(x, l); }, Tiles, Layers, torch.ScalarType.Float32, torch.CPU);
        int probes = calls;
        Assert.True(tiled.Splits(150, 136));

        Dictionary<FeatureLayer, torch.Tensor> maps = tiled.Assemble(image, Layers);
        Assert.True(calls - probes >= 4, $"{calls - probes} tiles: a 150x136 image in 64 px tiles should take at least 2x2");
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> whole = _extractor.ExtractNormalized(image, Layers);
        foreach (FeatureLayer layer in Layers)
        {
            Assert.Equal(whole[layer].shape, maps[layer].shape);
            Assert.True(MaxDifference(whole[layer], maps[layer]) < 1e-5, $"{layer.Name}: {MaxDifference(whole[layer], maps[layer])}");
        }
    }

    [Fact]
    public void The_gradient_carried_back_tile_by_tile_is_the_whole_image_s()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor image = Image(150, 136);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> shapes = _extractor.ExtractNormalized(image, Layers);
        using var generator = new torch.Generator(11);
        var mapGradients = Layers.ToDictionary(l => l, l => torch.randn(shapes[l].shape, generator: generator));

        torch.Tensor tiled = Tiled().Backpropagate(image, mapGradients);

        torch.Tensor input = image.detach().requires_grad_(true);
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = _extractor.ExtractNormalized(input, Layers);
        torch.Tensor surrogate = Layers.Select(l => (features[l] * mapGradients[l]).sum()).Aggregate((a, b) => a + b);
        torch.Tensor whole = torch.autograd.grad([surrogate], [input])[0];
        Assert.Equal(image.shape, tiled.shape);
        Assert.True(MaxDifference(whole, tiled) < 1e-4 * whole.abs().max().item<float>(), $"{MaxDifference(whole, tiled)}");
    }

    [Fact]
    public void An_image_within_one_tile_is_not_split_and_a_cancelled_run_stops_before_its_first_tile()
    {
        using var scope = torch.NewDisposeScope();
        TiledExtraction tiled = Tiled();
        Assert.False(tiled.Splits(64, 64));
        Assert.True(tiled.Splits(64, 200));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        int calls = 0;
        var counting = new TiledExtraction((x, l) => { calls++; return _extractor.ExtractNormalized(x, l); }, Tiles, Layers, torch.ScalarType.Float32, torch.CPU);
        int probes = calls;
        Assert.Throws<OperationCanceledException>(() => counting.Assemble(Image(150, 136), Layers, cancelled.Token));
        Assert.Equal(probes, calls);
    }

    public void Dispose() => _extractor.Dispose();

    private TiledExtraction Tiled() => new(_extractor.ExtractNormalized, Tiles, Layers, torch.ScalarType.Float32, torch.CPU);

    private static torch.Tensor Image(int height, int width)
    {
        using var generator = new torch.Generator(5);
        return torch.rand([1, 3, height, width], generator: generator);
    }

    private static double MaxDifference(torch.Tensor a, torch.Tensor b) => (a - b).abs().max().item<float>();
}
