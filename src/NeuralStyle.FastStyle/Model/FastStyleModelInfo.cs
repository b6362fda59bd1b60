using System.Globalization;
using System.Reflection;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Imaging;

namespace NeuralStyle.FastStyle.Model;

/// <summary>
/// What a fast-style model file says about itself (its safetensors metadata): the network's
/// shape, the style it was trained for, how it was trained, and the library that wrote it.
/// </summary>
public sealed record FastStyleModelInfo
{
    /// <summary>The metadata <c>format</c> value of every fast-style model file.</summary>
    public const string Format = "neuralstyle.fast-style";

    /// <summary>The file layout version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The metadata key of <see cref="Palette"/>.</summary>
    private const string PaletteKey = "palette";

    /// <summary>The network's shape.</summary>
    public FastStyleArchitecture Architecture { get; init; } = FastStyleArchitecture.Default;

    /// <summary>The style's name (the style image's file name without extension, or as given).</summary>
    public string StyleName { get; init; } = string.Empty;

    /// <summary>The loss network it was trained with, e.g. <c>ResNet18</c>.</summary>
    public string LossNetwork { get; init; } = string.Empty;

    /// <summary>The side of the square crops it was trained on, in pixels.</summary>
    public int TrainingSize { get; init; }

    /// <summary>The training steps it had when written.</summary>
    public long Steps { get; init; }

    /// <summary>The training settings, as text (for the record; not read back).</summary>
    public string TrainingSettings { get; init; } = string.Empty;

    /// <summary>
    /// The style's palette (its colours' mean and covariance, at the training style size), which
    /// results are moved towards by <see cref="Inference.StylizeOptions.PaletteShare"/>; null in files
    /// written before it was recorded (their results keep the network's colours).
    /// </summary>
    public ColorPalette? Palette { get; init; }

    /// <summary>The NeuralStyle version that wrote the file.</summary>
    public string LibraryVersion { get; init; } = CurrentLibraryVersion;

    /// <summary>This library's version.</summary>
    internal static string CurrentLibraryVersion { get; } =
        typeof(FastStyleModelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The metadata map written into the file.</summary>
    internal Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["format_version"] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            ["architecture"] = "transformer-net",
            ["width"] = Architecture.WidthText,
            ["residual_blocks"] = Architecture.ResidualBlocks.ToString(CultureInfo.InvariantCulture),
            ["style"] = StyleName,
            ["loss_network"] = LossNetwork,
            ["training_size"] = TrainingSize.ToString(CultureInfo.InvariantCulture),
            ["steps"] = Steps.ToString(CultureInfo.InvariantCulture),
            ["training_settings"] = TrainingSettings,
            ["library_version"] = LibraryVersion,
        };
        if (Palette is not null)
        {
            metadata[PaletteKey] = Palette.ToText();
        }

        return metadata;
    }

    /// <summary>Reads the metadata of a model file; every problem is added to <paramref name="problems"/>.</summary>
    internal static FastStyleModelInfo? FromMetadata(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        if (!metadata.TryGetValue("format", out string? format) || format != Format)
        {
            problems.Add(format is null
                ? $"it has no 'format' metadata, so it is not a NeuralStyle fast-style model (expected format '{Format}'; train one with FastStyleTrainer or `neural-style train`)"
                : $"its metadata format is '{format}', not '{Format}': it is not a NeuralStyle fast-style model");
            return null;
        }

        if (!metadata.TryGetValue("format_version", out string? version) || version != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            problems.Add($"its format version is '{version}', and this library reads version {FormatVersion} (update NeuralStyle.FastStyle)");
        }

        if (metadata.GetValueOrDefault("architecture") != "transformer-net")
        {
            problems.Add($"its architecture is '{metadata.GetValueOrDefault("architecture")}', expected 'transformer-net'");
        }

        NetworkWidth? width = FastStyleArchitecture.ParseWidth(metadata.GetValueOrDefault("width"));
        if (width is null)
        {
            problems.Add($"its width is '{metadata.GetValueOrDefault("width")}', expected 1, 0.5 or 0.25");
        }

        int blocks = Integer(metadata, "residual_blocks", problems);
        if (blocks is < FastStyleArchitecture.MinimumResidualBlocks or > FastStyleArchitecture.MaximumResidualBlocks)
        {
            problems.Add($"its residual block count is {blocks}, expected {FastStyleArchitecture.MinimumResidualBlocks} to {FastStyleArchitecture.MaximumResidualBlocks}");
        }

        int size = Integer(metadata, "training_size", problems);
        ColorPalette? palette = null;
        if (metadata.TryGetValue(PaletteKey, out string? paletteText) && !ColorPalette.TryParse(paletteText, out palette))
        {
            problems.Add($"its '{PaletteKey}' metadata is '{(paletteText.Length > 80 ? paletteText[..80] + "…" : paletteText)}', expected 12 numbers that can be a palette of colours in [0, 1] (the RGB mean, then a symmetric covariance row by row)");
        }

        long steps = long.TryParse(metadata.GetValueOrDefault("steps"), NumberStyles.None, CultureInfo.InvariantCulture, out long s) ? s : 0;
        return problems.Count > 0 ? null : new FastStyleModelInfo
        {
            Architecture = new FastStyleArchitecture { Width = width!.Value, ResidualBlocks = blocks },
            StyleName = metadata.GetValueOrDefault("style") ?? string.Empty,
            LossNetwork = metadata.GetValueOrDefault("loss_network") ?? string.Empty,
            TrainingSize = size,
            Steps = steps,
            TrainingSettings = metadata.GetValueOrDefault("training_settings") ?? string.Empty,
            LibraryVersion = metadata.GetValueOrDefault("library_version") ?? "unknown",
            Palette = palette,
        };
    }

    private static int Integer(IReadOnlyDictionary<string, string> metadata, string key, List<string> problems)
    {
        if (int.TryParse(metadata.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        problems.Add($"its '{key}' metadata is '{metadata.GetValueOrDefault(key)}', expected a whole number");
        return -1;
    }
}
