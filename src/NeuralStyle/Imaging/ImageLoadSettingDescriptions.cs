using NeuralStyle.Configuration;

namespace NeuralStyle.Imaging;

/// <summary>
/// The image decoding limits, each described once (<see cref="SettingDescription"/>): defaults read
/// from <see cref="ImageLoadOptions.Default"/>, the values accepted (which <see cref="ImageLoadOptions.Validate"/>
/// checks), and the keys hosts make their options and configuration from.
/// </summary>
public static class ImageLoadSettingDescriptions
{
    private const string Fix = "Give a positive limit: raise it for larger inputs, lower it for untrusted ones.";

    /// <summary>A limit of <see cref="ImageLoadOptions"/>: a whole number from 1 to <paramref name="maximum"/>, its default read from the record.</summary>
    private static SettingDescription Limit(Setting setting, string key, string property, string help, double defaultValue, double maximum) => new()
    {
        Setting = setting,
        Key = key,
        Name = $"{nameof(ImageLoadOptions)}.{property}",
        Help = help,
        Default = SettingDescriptions.Text(defaultValue),
        Range = new(1, maximum, Whole: true),
        Fix = Fix,
    };

    /// <summary><see cref="ImageLoadOptions.MaxPixels"/>.</summary>
    public static SettingDescription MaxPixels { get; } = Limit(
        ImageLoadSetting.MaxPixels, "max-pixels", nameof(ImageLoadOptions.MaxPixels),
        "Largest width x height of an input image, checked from its header before any pixel is decoded.", ImageLoadOptions.Default.MaxPixels, double.PositiveInfinity);

    /// <summary><see cref="ImageLoadOptions.AllocationLimitMegabytes"/>.</summary>
    public static SettingDescription AllocationLimitMegabytes { get; } = Limit(
        ImageLoadSetting.AllocationLimitMegabytes, "max-decode-mb", nameof(ImageLoadOptions.AllocationLimitMegabytes),
        "Largest single buffer the image decoder may allocate, in megabytes.", ImageLoadOptions.Default.AllocationLimitMegabytes, int.MaxValue);

    /// <summary><see cref="ImageLoadOptions.MaxStreamBytes"/>.</summary>
    public static SettingDescription MaxStreamBytes { get; } = Limit(
        ImageLoadSetting.MaxStreamBytes, "max-stream-bytes", nameof(ImageLoadOptions.MaxStreamBytes),
        "Largest input read from a stream that cannot seek (it is buffered in memory), in bytes.", ImageLoadOptions.Default.MaxStreamBytes, double.PositiveInfinity);

    /// <summary>The three, in the order hosts list them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } = [MaxPixels, AllocationLimitMegabytes, MaxStreamBytes];
}
