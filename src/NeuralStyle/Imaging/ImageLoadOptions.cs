using NeuralStyle.Configuration;

namespace NeuralStyle.Imaging;

/// <summary>Limits applied when decoding untrusted images.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>The defaults: at most 100 megapixels, 1 GiB per decoder allocation, 512 MiB per stream.</summary>
    public static ImageLoadOptions Default { get; } = new();

    /// <summary>Largest width × height accepted, checked from the header before any pixel is decoded.</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest single buffer the decoder may allocate, in megabytes.</summary>
    public int AllocationLimitMegabytes { get; init; } = 1024;

    /// <summary>Largest non-seekable stream that is buffered in memory, in bytes.</summary>
    public long MaxStreamBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Records what is wrong with the limits: each must be positive (<see cref="ImageLoadSettingDescriptions"/>).</summary>
    /// <param name="problems">Where problems are recorded.</param>
    public void Validate(ProblemList problems)
    {
        ImageLoadSettingDescriptions.MaxPixels.Check(problems, MaxPixels);
        ImageLoadSettingDescriptions.AllocationLimitMegabytes.Check(problems, AllocationLimitMegabytes);
        ImageLoadSettingDescriptions.MaxStreamBytes.Check(problems, MaxStreamBytes);
    }
}
