using System.CommandLine;
using NeuralStyle.Imaging;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// <c>--max-pixels</c>, <c>--max-decode-mb</c> and <c>--max-stream-bytes</c>, made from
/// <see cref="ImageLoadSettingDescriptions"/>, for every command that decodes images: the limits of
/// <see cref="ImageLoadOptions.Default"/> with those given; the library validates them.
/// </summary>
internal sealed class ImageLimitOptions
{
    private readonly Option<long?> _maxPixels = DescribedOptions.Create<long?>(ImageLoadSettingDescriptions.MaxPixels);
    private readonly Option<int?> _maxDecodeMegabytes = DescribedOptions.Create<int?>(ImageLoadSettingDescriptions.AllocationLimitMegabytes);
    private readonly Option<long?> _maxStreamBytes = DescribedOptions.Create<long?>(ImageLoadSettingDescriptions.MaxStreamBytes);

    /// <summary>Adds the three options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_maxPixels);
        command.Options.Add(_maxDecodeMegabytes);
        command.Options.Add(_maxStreamBytes);
    }

    /// <summary>The limits the command line asks for: the defaults with each given option applied.</summary>
    public ImageLoadOptions Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ImageLoadOptions defaults = ImageLoadOptions.Default;
        return defaults with
        {
            MaxPixels = result.GetValue(_maxPixels) ?? defaults.MaxPixels,
            AllocationLimitMegabytes = result.GetValue(_maxDecodeMegabytes) ?? defaults.AllocationLimitMegabytes,
            MaxStreamBytes = result.GetValue(_maxStreamBytes) ?? defaults.MaxStreamBytes,
        };
    }
}
