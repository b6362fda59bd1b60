using NeuralStyle.Configuration;

namespace NeuralStyle.Imaging;

/// <summary>
/// The image decoding limits, each described once (<see cref="SettingDescription"/>): defaults read
/// from <see cref="ImageLoadOptions.Default"/>, the values accepted (which <see cref="ImageLoadOptions.Validate"/>
/// checks), and the keys hosts make their options and configuration from.
/// </summary>
public static class ImageLoadSettingDescriptions
{
    private const string Fix = "Raise it for larger inputs, lower it for untrusted ones; start from ImageLoadOptions.Default.";

    /// <summary><see cref="ImageLoadOptions.MaxPixels"/>.</summary>
    public static SettingDescription MaxPixels { get; } = new()
    {
        Setting = ImageLoadSetting.MaxPixels,
        Key = "max-pixels",
        Name = "ImageLoadOptions.MaxPixels",
        Help = "Largest width x height of an input image, checked from its header before any pixel is decoded.",
        Default = SettingDescriptions.Text(ImageLoadOptions.Default.MaxPixels),
        Range = new(1, Whole: true),
        Fix = Fix,
    };

    /// <summary><see cref="ImageLoadOptions.AllocationLimitMegabytes"/>.</summary>
    public static SettingDescription AllocationLimitMegabytes { get; } = new()
    {
        Setting = ImageLoadSetting.AllocationLimitMegabytes,
        Key = "max-decode-mb",
        Name = "ImageLoadOptions.AllocationLimitMegabytes",
        Help = "Largest single buffer the image decoder may allocate, in megabytes.",
        Default = SettingDescriptions.Text(ImageLoadOptions.Default.AllocationLimitMegabytes),
        Range = new(1, int.MaxValue, Whole: true),
        Fix = Fix,
    };

    /// <summary><see cref="ImageLoadOptions.MaxStreamBytes"/>.</summary>
    public static SettingDescription MaxStreamBytes { get; } = new()
    {
        Setting = ImageLoadSetting.MaxStreamBytes,
        Key = "max-stream-bytes",
        Name = "ImageLoadOptions.MaxStreamBytes",
        Help = "Largest input read from a stream that cannot seek (it is buffered in memory), in bytes.",
        Default = SettingDescriptions.Text(ImageLoadOptions.Default.MaxStreamBytes),
        Range = new(1, Whole: true),
        Fix = Fix,
    };

    /// <summary>The three, in the order hosts list them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } = [MaxPixels, AllocationLimitMegabytes, MaxStreamBytes];
}
