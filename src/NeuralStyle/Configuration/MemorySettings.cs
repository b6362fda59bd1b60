
namespace NeuralStyle.Configuration;

/// <summary>How a transfer bounds its memory: tiled evaluation, and the most a run may need.</summary>
public sealed record MemorySettings
{
    /// <summary>
    /// Memory-bounded evaluation of large images in overlapping, blended tiles (see
    /// <see cref="TilingSettings"/>); null (the default) evaluates the whole image at once.
    /// </summary>
    public TilingSettings? Tiling { get; init; }

    /// <summary>
    /// The most memory a run may need by the transfer's memory estimate; a run that would need
    /// more fails before optimising with <see cref="InsufficientMemoryException"/>. Null (the
    /// default) uses the memory available to the process; 0 turns the check off.
    /// </summary>
    public long? LimitBytes { get; init; }

    internal void Validate(ProblemList problems)
    {
        Tiling?.Validate(problems);
        problems.Require(
            LimitBytes is null or >= 0,
            Setting.MemoryLimit,
            $"The memory limit must be null (available memory), 0 (no check) or positive (got {LimitBytes}).",
            "Give the limit in bytes.");
    }
}
