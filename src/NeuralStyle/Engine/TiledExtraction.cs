using NeuralStyle.Configuration;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// Runs a backbone over an image in overlapping tiles (<see cref="TilingSettings"/>): assembles
/// full-size feature maps as a partition-of-unity blend of the tiles' features, and carries
/// gradients with respect to those maps back to the image tile by tile. Peak activation memory is
/// one tile's.
/// </summary>
internal sealed class TiledExtraction
{
    private const int ProbeSide = 128;
    private readonly Func<torch.Tensor, IReadOnlyCollection<FeatureLayer>, IReadOnlyDictionary<FeatureLayer, torch.Tensor>> _forward;
    private readonly Dictionary<FeatureLayer, int> _strides;
    private readonly int _alignment;
    private readonly int _core;
    private readonly int _halo;
    private readonly double _blend;

    /// <summary>Measures the layers' strides on a small probe and aligns the tiles to the largest.</summary>
    /// <param name="forward">The image-to-features function (RGB or normalised input, as the objective optimises).</param>
    /// <param name="settings">Tile size, halo and blend width.</param>
    /// <param name="layers">Every layer that will be assembled.</param>
    /// <param name="dtype">The image's type.</param>
    /// <param name="device">The image's device.</param>
    public TiledExtraction(
        Func<torch.Tensor, IReadOnlyCollection<FeatureLayer>, IReadOnlyDictionary<FeatureLayer, torch.Tensor>> forward,
        TilingSettings settings,
        IReadOnlyCollection<FeatureLayer> layers,
        torch.ScalarType dtype,
        torch.Device device)
    {
        _forward = forward;
        _strides = Strides(forward, layers, dtype, device);
        _alignment = _strides.Values.Max();
        _core = Math.Max(_alignment, settings.TileSize / _alignment * _alignment);
        _halo = (settings.Halo + _alignment - 1) / _alignment * _alignment;
        _blend = settings.EffectiveBlendWidth;
    }

    /// <summary>Whether an image of this size is split into more than one tile.</summary>
    public bool Splits(long height, long width) => Spans(height).Count > 1 || Spans(width).Count > 1;

    /// <summary>The blended full-size feature maps of <paramref name="image"/> (computed without a graph); the token is checked before each tile.</summary>
    public Dictionary<FeatureLayer, torch.Tensor> Assemble(torch.Tensor image, IReadOnlyCollection<FeatureLayer> layers, CancellationToken cancellationToken = default)
    {
        var maps = new Dictionary<FeatureLayer, torch.Tensor>();
        using var noGrad = torch.no_grad();

        // Bottom-right first: its feature maps end where the full ones do, which sizes them.
        foreach (Tile tile in Tiles(image.shape[^2], image.shape[^1]).Reverse())
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            foreach ((FeatureLayer layer, torch.Tensor features) in _forward(Crop(image, tile), layers))
            {
                int stride = _strides[layer];
                if (!maps.TryGetValue(layer, out torch.Tensor? map))
                {
                    map = torch.zeros(
                        [features.shape[0], features.shape[1], (tile.Rows.Start / stride) + features.shape[2], (tile.Columns.Start / stride) + features.shape[3]],
                        features.dtype,
                        features.device).MoveToOuterDisposeScope();
                    maps[layer] = map;
                }

                Window(map, tile, stride, features).add_(features * Weights(tile, stride, features));
            }
        }

        return maps;
    }

    /// <summary>
    /// d(loss)/d(image) from d(loss)/d(assembled maps): each tile's features are recomputed with a
    /// graph, and the blend-weighted map gradients are back-propagated through them.
    /// </summary>
    /// <param name="image">The image the maps were assembled from.</param>
    /// <param name="mapGradients">Gradients with respect to the assembled maps, per layer.</param>
    /// <param name="cancellationToken">Checked before each tile.</param>
    /// <returns>The gradient, shaped like <paramref name="image"/>, in the caller's dispose scope.</returns>
    public torch.Tensor Backpropagate(torch.Tensor image, IReadOnlyDictionary<FeatureLayer, torch.Tensor> mapGradients, CancellationToken cancellationToken = default)
    {
        torch.Tensor gradient = torch.zeros_like(image);
        FeatureLayer[] layers = mapGradients.Keys.ToArray();
        foreach (Tile tile in Tiles(image.shape[^2], image.shape[^1]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            torch.Tensor crop = Crop(image, tile).detach().requires_grad_(true);
            torch.Tensor surrogate = torch.zeros([], image.dtype, image.device);
            foreach ((FeatureLayer layer, torch.Tensor features) in _forward(crop, layers))
            {
                int stride = _strides[layer];
                torch.Tensor weighted = (Window(mapGradients[layer], tile, stride, features) * Weights(tile, stride, features)).detach();
                surrogate = surrogate + (features * weighted).sum();
            }

            torch.Tensor tileGradient = torch.autograd.grad([surrogate], [crop])[0];
            Crop(gradient, tile).add_(tileGradient);
        }

        return gradient;
    }

    private static Dictionary<FeatureLayer, int> Strides(
        Func<torch.Tensor, IReadOnlyCollection<FeatureLayer>, IReadOnlyDictionary<FeatureLayer, torch.Tensor>> forward,
        IReadOnlyCollection<FeatureLayer> layers,
        torch.ScalarType dtype,
        torch.Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.Tensor probe = ScalarArithmetic.Full([1, 3, ProbeSide, ProbeSide], 0.5, dtype, device);
        var strides = new Dictionary<FeatureLayer, int>();
        foreach ((FeatureLayer layer, torch.Tensor features) in forward(probe, layers))
        {
            long side = features.shape[^1];
            if (side < 1 || ProbeSide % side != 0 || features.shape[^2] != side)
            {
                throw new NotSupportedException(
                    $"Tiling needs layers whose stride divides the image: {layer.Name} maps {ProbeSide} px to {side} positions. Turn tiling off for this backbone.");
            }

            strides[layer] = (int)(ProbeSide / side);
        }

        return strides;
    }

    private IEnumerable<Tile> Tiles(long height, long width)
    {
        IReadOnlyList<Span> rows = Spans(height), columns = Spans(width);
        return rows.SelectMany(row => columns.Select(column => new Tile(row, column)));
    }

    /// <summary>Splits one axis into cores of about the tile size (aligned), each widened by the halo.</summary>
    private List<Span> Spans(long length)
    {
        for (int count = (int)Math.Max(1, (length + _core - 1) / _core); ; count--)
        {
            int[] bounds = Enumerable.Range(0, count + 1)
                .Select(k => k == count ? (int)length : (int)Math.Round(k * (double)length / count / _alignment) * _alignment)
                .ToArray();
            bool wideEnough = Enumerable.Range(0, count).All(k => bounds[k + 1] - bounds[k] >= Math.Max(_blend, _alignment));
            if (count == 1 || wideEnough)
            {
                return Enumerable.Range(0, count)
                    .Select(k => new Span(bounds[k], bounds[k + 1], Math.Max(0, bounds[k] - _halo), (int)Math.Min(length, bounds[k + 1] + _halo), k == 0, k == count - 1))
                    .ToList();
            }
        }
    }

    private static torch.Tensor Crop(torch.Tensor image, Tile tile) =>
        image.narrow(-2, tile.Rows.Start, tile.Rows.Length).narrow(-1, tile.Columns.Start, tile.Columns.Length);

    private static torch.Tensor Window(torch.Tensor map, Tile tile, int stride, torch.Tensor features) =>
        map.narrow(-2, tile.Rows.Start / stride, features.shape[^2]).narrow(-1, tile.Columns.Start / stride, features.shape[^1]);

    /// <summary>The tile's blend weights at a layer's positions, <c>[1, 1, h, w]</c>.</summary>
    private torch.Tensor Weights(Tile tile, int stride, torch.Tensor features)
    {
        torch.Tensor rows = torch.tensor(AxisWeights(tile.Rows, stride, features.shape[^2]), features.dtype, features.device);
        torch.Tensor columns = torch.tensor(AxisWeights(tile.Columns, stride, features.shape[^1]), features.dtype, features.device);
        return rows.outer(columns).unsqueeze(0).unsqueeze(0);
    }

    /// <summary>
    /// A tile's weight along one axis at each feature position (centre pixel <c>(q + ½)·stride</c>):
    /// a linear ramp across each inner core boundary, so the weights of neighbouring tiles sum to one.
    /// </summary>
    private double[] AxisWeights(Span span, int stride, long count)
    {
        var weights = new double[count];
        for (long q = 0; q < count; q++)
        {
            double centre = ((span.Start / stride) + q + 0.5) * stride;
            double weight = 1;
            if (!span.First)
            {
                weight *= Ramp(centre - span.CoreStart);
            }

            if (!span.Last)
            {
                weight *= Ramp(span.CoreEnd - centre);
            }

            weights[q] = weight;
        }

        return weights;
    }

    private double Ramp(double inside) => _blend <= 0 ? (inside > 0 ? 1 : 0) : Math.Clamp((inside / _blend) + 0.5, 0, 1);

    /// <summary>One axis of a tile: its core <c>[CoreStart, CoreEnd)</c> and computed extent <c>[Start, End)</c>.</summary>
    private readonly record struct Span(int CoreStart, int CoreEnd, int Start, int End, bool First, bool Last)
    {
        public int Length => End - Start;
    }

    private readonly record struct Tile(Span Rows, Span Columns);
}
