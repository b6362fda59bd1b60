using System.Globalization;
using System.Security.Cryptography;
using NeuralStyle.FastStyle.Model;
using TorchSharp;

namespace NeuralStyle.Styles;

/// <summary>
/// The built-in styles: fast-style models embedded in this assembly (offline, nothing to download),
/// loaded by a typed <see cref="BuiltInStyle"/> or by name, and the one rule every host uses to
/// read "a built-in style's name or a model file" (<see cref="LoadModel"/>).
/// </summary>
public static class BuiltInStyles
{
    private static readonly (BuiltInStyle Style, string Name, string Painting)[] Table =
    [
        (BuiltInStyle.StarryNight, "starry-night", "Vincent van Gogh, The Starry Night (1889)"),
        (BuiltInStyle.TheScream, "the-scream", "Edvard Munch, The Scream (1893)"),
        (BuiltInStyle.Shipwreck, "shipwreck", "J. M. W. Turner, The Shipwreck (1805)"),
    ];

    private static readonly Lazy<IReadOnlyList<BuiltInStyleInfo>> Infos = new(Describe);

    private static readonly Dictionary<BuiltInStyle, Lazy<string>> Identities = Table.ToDictionary(t => t.Style, t => new Lazy<string>(() => Digest(t.Name)));

    /// <summary>The names, in <see cref="BuiltInStyle"/> order: <c>starry-night</c>, <c>the-scream</c>, <c>shipwreck</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>Every built-in style with its painting and how it was trained (read from the embedded model files).</summary>
    public static IReadOnlyList<BuiltInStyleInfo> All => Infos.Value;

    /// <summary>The name of <paramref name="style"/> (<c>starry-night</c>, ...).</summary>
    public static string NameOf(BuiltInStyle style) => Entry(style).Name;

    /// <summary>The style called <paramref name="name"/> (case-insensitive), if there is one.</summary>
    public static bool TryParse(string? name, out BuiltInStyle style)
    {
        foreach ((BuiltInStyle candidate, string known, _) in Table)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
            {
                style = candidate;
                return true;
            }
        }

        style = default;
        return false;
    }

    /// <summary>
    /// What identifies the model of <paramref name="style"/> across releases: its name and the
    /// SHA-256 of its model file (<c>starry-night:sha256:…</c>), so work keyed by it (a batch's
    /// settings hash) is redone when a release retrains the style.
    /// </summary>
    public static string Identity(BuiltInStyle style) => Identities[Entry(style).Style].Value;

    /// <summary>Loads the model of <paramref name="style"/> (the caller disposes it).</summary>
    /// <param name="style">The style.</param>
    /// <param name="device">Where to put the weights (default CPU).</param>
    public static FastStyleModel Load(BuiltInStyle style, torch.Device? device = null)
    {
        string name = Entry(style).Name;
        using Stream stream = Open(name);
        return FastStyleModel.Load(stream, $"the built-in style '{name}'", device);
    }

    /// <summary>
    /// The painting of <paramref name="style"/>: a public-domain copy, 512 px on its longest side (JPEG),
    /// for a style transfer of it (<c>AddStyle(stream)</c>). The caller disposes the stream.
    /// </summary>
    public static Stream OpenPainting(BuiltInStyle style)
    {
        string name = Entry(style).Name;
        return typeof(BuiltInStyles).Assembly.GetManifestResourceStream($"NeuralStyle.Styles.{name}.jpg") ?? throw Damaged(name);
    }

    /// <summary>
    /// Loads what a host was given as a model: a built-in style's name (<see cref="Names"/>,
    /// case-insensitive) or the path of a model file. A bare word that is neither gets a message
    /// listing the names.
    /// </summary>
    /// <param name="nameOrPath">A built-in style's name, or a <c>.safetensors</c> model file.</param>
    /// <param name="device">Where to put the weights (default CPU).</param>
    /// <exception cref="FileNotFoundException">It is neither a built-in style nor an existing file, or it is a folder.</exception>
    /// <exception cref="NeuralStyle.Features.InvalidWeightsException">The file is not a valid model.</exception>
    public static FastStyleModel LoadModel(string nameOrPath, torch.Device? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (TryParse(nameOrPath, out BuiltInStyle style))
        {
            return Load(style, device);
        }

        if (!File.Exists(nameOrPath) && !Directory.Exists(nameOrPath))
        {
            throw new FileNotFoundException(
                $"'{nameOrPath}' is neither a built-in style ({string.Join(", ", Names)}) nor an existing model file: give one of those names or the path of a .safetensors model.",
                nameOrPath);
        }

        return FastStyleModel.Load(nameOrPath, device);
    }

    private static (BuiltInStyle Style, string Name, string Painting) Entry(BuiltInStyle style) =>
        Table.FirstOrDefault(t => t.Style == style) is { Name: not null } entry
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(style), style, $"Not a built-in style; use one of {string.Join(", ", Names)}.");

    private static string Digest(string name)
    {
        using Stream stream = Open(name);
        return $"{name}:sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
    }

    private static Stream Open(string name) =>
        typeof(BuiltInStyles).Assembly.GetManifestResourceStream($"NeuralStyle.Styles.{name}.safetensors") ?? throw Damaged(name);

    private static InvalidOperationException Damaged(string name) =>
        new($"The built-in style '{name}' is missing from {typeof(BuiltInStyles).Assembly.GetName().Name}: the package is damaged; reinstall it.");

    private static IReadOnlyList<BuiltInStyleInfo> Describe() => Table.Select(t =>
    {
        using FastStyleModel model = Load(t.Style);
        FastStyleModelInfo info = model.Info;
        string training = string.Create(
            CultureInfo.InvariantCulture,
            $"{info.Steps} steps, {info.Architecture}, {info.LossNetwork} loss network, {info.TrainingSize} px crops ({info.TrainingSettings})");
        return new BuiltInStyleInfo(t.Style, t.Name, t.Painting, training);
    }).ToArray();
}
