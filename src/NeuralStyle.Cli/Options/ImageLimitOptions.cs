using System.CommandLine;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// <c>--max-pixels</c> and <c>--max-decode-mb</c>, made from <see cref="ImageLoadSettingDescriptions"/>,
/// for every command that decodes images: the limits of <see cref="ImageLoadOptions.Default"/> with those
/// given. (<see cref="ImageLoadOptions.MaxStreamBytes"/> bounds streams that cannot seek; the commands
/// read files, so it has no option.)
/// </summary>
internal sealed class ImageLimitOptions
{
    /// <summary>The descriptions the options are made from.</summary>
    public static IReadOnlyList<SettingDescription> Descriptions { get; } = [ImageLoadSettingDescriptions.MaxPixels, ImageLoadSettingDescriptions.AllocationLimitMegabytes];

    private readonly Option<long?> _maxPixels = DescribedOptions.Create<long?>(ImageLoadSettingDescriptions.MaxPixels);
    private readonly Option<int?> _maxDecodeMegabytes = DescribedOptions.Create<int?>(ImageLoadSettingDescriptions.AllocationLimitMegabytes);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_maxPixels);
        command.Options.Add(_maxDecodeMegabytes);
    }

    /// <summary>
    /// The limits the command line asks for: the defaults with each given option applied, checked by the
    /// library's own rule at once, so a bad one stops the command before anything loads (a batch would
    /// otherwise meet it again in each transfer line's build).
    /// </summary>
    /// <exception cref="Transfer.StyleTransferConfigurationException">A limit is out of range.</exception>
    public ImageLoadOptions Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ImageLoadOptions limits = ImageLoadOptions.Default with
        {
            MaxPixels = result.GetValue(_maxPixels) ?? ImageLoadOptions.Default.MaxPixels,
            AllocationLimitMegabytes = result.GetValue(_maxDecodeMegabytes) ?? ImageLoadOptions.Default.AllocationLimitMegabytes,
        };
        var problems = new ProblemList();
        limits.Validate(problems);
        problems.ThrowIfAny();
        return limits;
    }
}
