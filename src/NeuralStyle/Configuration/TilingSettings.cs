
namespace NeuralStyle.Configuration;

/// <summary>
/// Memory-bounded evaluation for large images: the backbone sees the image in overlapping tiles,
/// so its activations (the bulk of a transfer's memory) are those of one tile, whatever the
/// output size. Each tile is its core plus <see cref="Halo"/> pixels of context on every side;
/// neighbouring tiles' features are cross-faded over <see cref="BlendWidth"/> pixels (weights that
/// sum to one), the losses are computed on the blended full-size feature maps, and the gradient is
/// carried back through every tile exactly for that blend: no seams, one global Gram per layer.
/// Costs one extra forward pass per evaluation plus the halos' overlap. An image that fits in one
/// tile is evaluated as usual.
/// </summary>
public sealed record TilingSettings
{
    /// <summary>The smallest <see cref="TileSize"/>.</summary>
    public const int MinimumTileSize = 64;

    /// <summary>Side of a tile's core in pixels (default 512); rounded down to the backbone's total stride.</summary>
    public int TileSize { get; init; } = 512;

    /// <summary>
    /// Context pixels around each core (default 64); rounded up to the backbone's total stride. Deep
    /// layers see further than this (VGG19's relu5_1 about 200 px), so features near a tile's edge
    /// are approximations; the blend keeps them continuous across tiles.
    /// </summary>
    public int Halo { get; init; } = 64;

    /// <summary>
    /// Width in pixels of the cross-fade between neighbouring tiles, at most twice <see cref="Halo"/>
    /// and half <see cref="TileSize"/>; 0 switches at the core boundary. Null (the default) uses
    /// the halo (capped at half the tile size).
    /// </summary>
    public int? BlendWidth { get; init; }

    /// <summary>The cross-fade width in force: <see cref="BlendWidth"/>, or the halo when it is null.</summary>
    public int EffectiveBlendWidth => BlendWidth ?? Math.Clamp(Halo, 0, TileSize / 2);

    internal void Validate(ProblemList problems)
    {
        SettingDescriptions.TileSize.Check(problems, TileSize);
        SettingDescriptions.TileHalo.Check(problems, Halo);
        if (BlendWidth is int blend && (blend < 0 || blend > 2 * Math.Max(Halo, 0) || blend > TileSize / 2))
        {
            problems.Add(
                Setting.TileBlendWidth,
                $"Tiling.BlendWidth must be between 0 and twice the halo ({2 * Math.Max(Halo, 0)} px) and at most half the tile size (got {blend}).",
                "The cross-fade must stay inside the context each tile computed: leave it null to use the halo.");
        }
    }
}
