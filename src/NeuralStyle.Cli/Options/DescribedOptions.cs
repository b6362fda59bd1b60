using System.CommandLine;
using System.Text.RegularExpressions;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// The command line's side of the library's <see cref="SettingDescription"/>s: every option bound
/// to a setting is made here from its description (<c>--key</c>, its aliases, its help and default),
/// and every problem a library reports is named by the option of its setting.
/// </summary>
internal static class DescribedOptions
{
    /// <summary>The settings the commands read, every package's, in one list (a description two commands share, such as colours, once).</summary>
    public static IReadOnlyList<SettingDescription> Known { get; } =
        [.. new[] { SettingDescriptions.Transfer, [SettingDescriptions.Preset, SettingDescriptions.StyleBlendWeight, SettingDescriptions.StyleMask, SettingDescriptions.SnapshotEvery], FastStyle.StylizeOptionSet.Descriptions, TrainingSettingDescriptions.All, ShardSettingDescriptions.All, ImageLimitOptions.Descriptions }.SelectMany(d => d).Distinct()];

    /// <summary>The option of <paramref name="description"/>: <c>--key</c>, <c>--alias</c>es and <paramref name="shortNames"/>; help is the description's, with its default.</summary>
    public static Option<T> Create<T>(SettingDescription description, params string[] shortNames)
    {
        ArgumentNullException.ThrowIfNull(description);
        bool flag = typeof(T) == typeof(bool);
        var option = new Option<T>(NameOf(description), [.. description.Aliases.Select(a => "--" + a), .. shortNames])
        {
            Description = flag ? description.Help : $"{description.Help} [default: {description.Default}]",
        };
        Type? underlying = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (underlying.IsEnum)
        {
            option.HelpName = Choices.HelpName(underlying);
        }

        return option;
    }

    /// <summary>
    /// <paramref name="message"/> with each setting it names by its API name followed by the option
    /// that sets it: <c>StylizeOptions.Size</c> becomes <c>StylizeOptions.Size (--size)</c>. The
    /// libraries' messages name settings the API's way; this writes them the command line's way too.
    /// </summary>
    public static string Annotate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (SettingDescription description in Known.DistinctBy(d => d.Name))
        {
            message = Regex.Replace(message, $@"\b{Regex.Escape(description.Name)}\b(?! \(--)", $"{description.Name} ({NameOf(description)})");
        }

        return message;
    }

    /// <summary>The option name of a description: <c>--</c> and its key.</summary>
    public static string NameOf(SettingDescription description) => "--" + description.Key;

    /// <summary>The option that sets <paramref name="setting"/>, or null when no command has one.</summary>
    public static string? NameOf(Setting setting) => Known.FirstOrDefault(d => d.Setting == setting) is SettingDescription description ? NameOf(description) : null;
}
