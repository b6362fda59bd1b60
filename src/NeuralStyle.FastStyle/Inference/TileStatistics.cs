using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Network;
using TorchSharp;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// The instance-normalisation statistics of a whole image too large to run whole: each tile's are
/// measured at full resolution and pooled (means weighted by the tile's pixels, variances by the law
/// of total variance), so that every tile can then be normalised alike, as the whole image would be.
/// Costs one more pass of the network over the tiles.
/// </summary>
internal static class TileStatistics
{
    /// <summary>The pooled statistics (each <c>[N, C, 1, 1]</c>), in the network's order.</summary>
    public static IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)> Pool(
        TransformerNet network, torch.Tensor image, int tileSize, int overlap, CancellationToken cancellationToken)
    {
        long height = image.shape[^2], width = image.shape[^1];
        torch.Tensor[]? sums = null, squares = null;
        double pixels = 0;
        using (var outer = torch.NewDisposeScope())
        {
            foreach ((long top, long left, long tileHeight, long tileWidth) in TiledForward.Tiles(height, width, tileSize, overlap))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                double weight = tileHeight * tileWidth;
                IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)> own = network.Statistics(image.narrow(-2, top, tileHeight).narrow(-1, left, tileWidth));
                sums ??= own.Select(s => torch.zeros_like(s.Mean).MoveToOuterDisposeScope()).ToArray();
                squares ??= own.Select(s => torch.zeros_like(s.Mean).MoveToOuterDisposeScope()).ToArray();
                for (int i = 0; i < own.Count; i++)
                {
                    sums[i].add_(own[i].Mean.Times(weight));
                    squares[i].add_((own[i].Variance + own[i].Mean.square()).Times(weight));
                }

                pixels += weight;
            }

            var pooled = new List<(torch.Tensor Mean, torch.Tensor Variance)>();
            for (int i = 0; i < sums!.Length; i++)
            {
                torch.Tensor mean = sums[i].DividedBy(pixels);
                torch.Tensor variance = (squares![i].DividedBy(pixels) - mean.square()).AtLeast_(0);
                pooled.Add((mean.MoveToOuterDisposeScope(), variance.MoveToOuterDisposeScope()));
            }

            return pooled;
        }
    }
}
