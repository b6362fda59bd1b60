using NeuralStyle.Configuration;

namespace NeuralStyle.Imaging;

/// <summary>The image decoding limits (<see cref="ImageLoadOptions"/>), where a problem with them lies.</summary>
public static class ImageLoadSetting
{
    /// <summary><see cref="ImageLoadOptions.MaxPixels"/>.</summary>
    public static Setting MaxPixels { get; } = new("ImageLoad.MaxPixels");

    /// <summary><see cref="ImageLoadOptions.AllocationLimitMegabytes"/>.</summary>
    public static Setting AllocationLimitMegabytes { get; } = new("ImageLoad.AllocationLimitMegabytes");

    /// <summary><see cref="ImageLoadOptions.MaxStreamBytes"/>.</summary>
    public static Setting MaxStreamBytes { get; } = new("ImageLoad.MaxStreamBytes");
}
