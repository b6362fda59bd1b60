using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.FastStyle.Inference;

/// <summary>
/// Runs a fully convolutional image-to-image function over an image in overlapping square tiles
/// and blends the tiles' outputs with linear ramps across each overlap, so memory is bounded by
/// the tile size.
/// </summary>
internal static class TiledForward
{
    /// <summary>Whether an image of this size needs tiles.</summary>
    public static bool Splits(long height, long width, int tileSize) => height > tileSize || width > tileSize;

    /// <summary>The tiles' start offsets along one side: the first at 0, the last ending at the side, overlapping by at least <paramref name="overlap"/>.</summary>
    public static IReadOnlyList<long> Starts(long side, int tileSize, int overlap)
    {
        if (side <= tileSize)
        {
            return [0];
        }

        long stride = tileSize - overlap;
        long count = (long)Math.Ceiling((double)(side - tileSize) / stride) + 1;
        return Enumerable.Range(0, (int)count).Select(i => Math.Min(i * stride, side - tileSize)).Distinct().ToArray();
    }

    /// <summary>Every tile of a <paramref name="height"/> x <paramref name="width"/> image: its top, left, height and width, row by row.</summary>
    public static IEnumerable<(long Top, long Left, long Height, long Width)> Tiles(long height, long width, int tileSize, int overlap) =>
        from top in Starts(height, tileSize, overlap)
        from left in Starts(width, tileSize, overlap)
        select (top, left, Math.Min(tileSize, height), Math.Min(tileSize, width));

    /// <summary><paramref name="forward"/> of <paramref name="image"/> (<c>[N, 3, H, W]</c>), tile by tile.</summary>
    public static torch.Tensor Run(torch.Tensor image, int tileSize, int overlap, Func<torch.Tensor, torch.Tensor> forward, CancellationToken cancellationToken)
    {
        long height = image.shape[^2], width = image.shape[^1];
        using var outer = torch.NewDisposeScope();
        torch.Tensor sum = torch.zeros_like(image);
        torch.Tensor weights = torch.zeros(1, 1, height, width, image.dtype, image.device);
        foreach ((long top, long left, long tileHeight, long tileWidth) in Tiles(height, width, tileSize, overlap))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            torch.Tensor tile = image.narrow(-2, top, tileHeight).narrow(-1, left, tileWidth);
            torch.Tensor ramp = Ramp(tileHeight, top > 0, top + tileHeight < height, overlap, image).unsqueeze(1)
                * Ramp(tileWidth, left > 0, left + tileWidth < width, overlap, image).unsqueeze(0);
            torch.Tensor output = forward(tile);
            sum.narrow(-2, top, tileHeight).narrow(-1, left, tileWidth).add_(output * ramp);
            weights.narrow(-2, top, tileHeight).narrow(-1, left, tileWidth).add_(ramp);
        }

        return sum.div_(weights).MoveToOuterDisposeScope();
    }

    /// <summary>1 inside, rising linearly over <paramref name="overlap"/> pixels on a side shared with a neighbour.</summary>
    private static torch.Tensor Ramp(long length, bool rising, bool falling, int overlap, torch.Tensor like)
    {
        torch.Tensor position = ScalarArithmetic.Range(length, like.dtype, like.device);
        torch.Tensor ramp = torch.ones(length, like.dtype, like.device);
        if (overlap > 0 && rising)
        {
            ramp = torch.minimum(ramp, position.Plus(1).DividedBy(overlap + 1));
        }

        if (overlap > 0 && falling)
        {
            ramp = torch.minimum(ramp, position.neg().Plus(length).DividedBy(overlap + 1));
        }

        return ramp;
    }
}
