using Microsoft.Extensions.Logging;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Transfer;

/// <summary>
/// Fluent front of the library. Set a feature extractor, a content image and one or more style
/// images, optionally a preset and overrides, then call <see cref="Build"/>, which validates
/// everything and reports every problem in one <see cref="StyleTransferConfigurationException"/>.
/// </summary>
/// <example>
/// <code>
/// using var extractor = ResNet18FeatureExtractor.LoadEmbedded();
/// StyleTransfer transfer = new StyleTransferBuilder()
///     .WithFeatureExtractor(extractor)
///     .WithContent("photo.jpg")
///     .AddStyle("painting.jpg")
///     .WithSize(OutputSize.LongestSide(512))
///     .Build();
/// using StyleTransferResult result = transfer.Run();
/// result.Save("styled.png");
/// </code>
/// </example>
public sealed class StyleTransferBuilder
{
    private readonly List<StyleInput> _styles = [];
    private IFeatureExtractor? _extractor;
    private ImageSource? _content;
    private StyleTransferSettings _settings = StyleTransferSettings.For(StylePreset.Default);
    private IProgress<StyleTransferProgress>? _progress;
    private Action<StyleSnapshot>? _snapshots;
    private ILogger? _logger;
    private ImageLoadOptions _loadOptions = ImageLoadOptions.Default;

    /// <summary>The settings so far.</summary>
    public StyleTransferSettings Settings => _settings;

    /// <summary>Sets the feature extractor (not owned: dispose it yourself).</summary>
    public StyleTransferBuilder WithFeatureExtractor(IFeatureExtractor extractor)
    {
        _extractor = extractor;
        return this;
    }

    /// <summary>Sets the content image.</summary>
    public StyleTransferBuilder WithContent(ImageSource content)
    {
        _content = content;
        return this;
    }

    /// <summary>Sets the content image from a file.</summary>
    public StyleTransferBuilder WithContent(string path) => WithContent(ImageSource.FromFile(path));

    /// <summary>Sets the content image from a stream (read when the transfer runs).</summary>
    public StyleTransferBuilder WithContent(Stream stream) => WithContent(ImageSource.FromStream(stream));

    /// <summary>Sets the content image from memory.</summary>
    public StyleTransferBuilder WithContent(Image<Rgb24> image) => WithContent(ImageSource.FromImage(image));

    /// <summary>Sets the content image from memory, keeping its alpha.</summary>
    public StyleTransferBuilder WithContent(Image<Rgba32> image) => WithContent(ImageSource.FromImage(image));

    /// <summary>Adds a style image with a blend weight and, optionally, the region it applies to.</summary>
    /// <param name="style">The style image.</param>
    /// <param name="weight">Blend weight.</param>
    /// <param name="mask">A grayscale image of the region (white = styled by this image); null styles the whole image. See <see cref="StyleInput.Mask"/>.</param>
    public StyleTransferBuilder AddStyle(ImageSource style, double weight = 1, ImageSource? mask = null)
    {
        _styles.Add(new StyleInput(style, weight, mask));
        return this;
    }

    /// <summary>Adds a style image file with a blend weight and, optionally, a mask file of the region it applies to.</summary>
    public StyleTransferBuilder AddStyle(string path, double weight = 1, string? maskPath = null) =>
        AddStyle(ImageSource.FromFile(path), weight, maskPath is null ? null : ImageSource.FromFile(maskPath));

    /// <summary>Adds a style image stream with a blend weight.</summary>
    public StyleTransferBuilder AddStyle(Stream stream, double weight = 1) => AddStyle(ImageSource.FromStream(stream), weight);

    /// <summary>Adds an in-memory style image with a blend weight.</summary>
    public StyleTransferBuilder AddStyle(Image<Rgb24> image, double weight = 1) => AddStyle(ImageSource.FromImage(image), weight);

    /// <summary>Replaces every setting with those of <paramref name="preset"/>; later calls override them.</summary>
    public StyleTransferBuilder UsePreset(StylePreset preset)
    {
        _settings = StyleTransferSettings.For(preset);
        return this;
    }

    /// <summary>Replaces every setting.</summary>
    public StyleTransferBuilder WithSettings(StyleTransferSettings settings)
    {
        _settings = settings;
        return this;
    }

    /// <summary>Sets the content layer(s) by name.</summary>
    public StyleTransferBuilder WithContentLayers(params LayerChoice[] layers) => Change(s => s with { ContentLayers = layers });

    /// <summary>Sets the content layer by name.</summary>
    public StyleTransferBuilder WithContentLayer(string name) => WithContentLayers(new LayerChoice(name));

    /// <summary>Sets the style layers with explicit weights.</summary>
    public StyleTransferBuilder WithStyleLayers(params LayerChoice[] layers) => Change(s => s with { StyleLayers = layers });

    /// <summary>Sets the style layers by name, each with weight 1 / count.</summary>
    public StyleTransferBuilder WithStyleLayers(params string[] names) =>
        WithStyleLayers((names ?? []).Select(n => new LayerChoice(n, 1.0 / Math.Max(1, names!.Length))).ToArray());

    /// <summary>Sets the weights of the three terms.</summary>
    public StyleTransferBuilder WithWeights(double content, double style, double totalVariation) =>
        Change(s => s with { ContentWeight = content, StyleWeight = style, TotalVariationWeight = totalVariation });

    /// <summary>Sets the loss formulas.</summary>
    public StyleTransferBuilder WithLossFormulas(ContentLossFormula content, StyleLossFormula style, TotalVariationFormula totalVariation) =>
        Change(s => s with { ContentFormula = content, StyleFormula = style, TotalVariationFormula = totalVariation });

    /// <summary>Sets the optimiser.</summary>
    public StyleTransferBuilder WithOptimizer(OptimizerSettings optimizer) => Change(s => s with { Optimizer = optimizer });

    /// <summary>Sets the evaluation budget.</summary>
    public StyleTransferBuilder WithIterations(int iterations) => Change(s => s with { Iterations = iterations });

    /// <summary>Sets the working and output size.</summary>
    public StyleTransferBuilder WithSize(OutputSize size) => Change(s => s with { Size = size });

    /// <summary>Sets how style images are sized.</summary>
    public StyleTransferBuilder WithStyleSizing(StyleImageSizing sizing) => Change(s => s with { StyleSizing = sizing });

    /// <summary>Sets the initial image.</summary>
    public StyleTransferBuilder WithInit(InitMode init) => Change(s => s with { Init = init });

    /// <summary>Sets the seed of noise initialisation.</summary>
    public StyleTransferBuilder WithSeed(long seed) => Change(s => s with { Seed = seed });

    /// <summary>Sets which tensor is optimised.</summary>
    public StyleTransferBuilder WithOptimizationSpace(OptimizationSpace space) => Change(s => s with { Space = space });

    /// <summary>Receives progress every <paramref name="every"/> evaluations.</summary>
    public StyleTransferBuilder WithProgress(IProgress<StyleTransferProgress> progress, int every = 1)
    {
        _progress = progress;
        return Change(s => s with { ProgressEvery = every });
    }

    /// <summary>Receives a snapshot image every <paramref name="every"/> evaluations (synchronously).</summary>
    public StyleTransferBuilder WithSnapshots(int every, Action<StyleSnapshot> callback)
    {
        _snapshots = callback;
        return Change(s => s with { SnapshotEvery = every });
    }

    /// <summary>Sets the logger for diagnostics.</summary>
    public StyleTransferBuilder WithLogger(ILogger logger)
    {
        _logger = logger;
        return this;
    }

    /// <summary>Sets the memory a run may need (see <see cref="StyleTransferSettings.MemoryLimitBytes"/>); 0 turns the check off.</summary>
    public StyleTransferBuilder WithMemoryLimit(long bytes) => Change(s => s with { MemoryLimitBytes = bytes });

    /// <summary>Keeps the content's colours (<see cref="ColorPreservation.LuminanceOnly"/>) or not.</summary>
    public StyleTransferBuilder WithColorPreservation(ColorPreservation mode) => Change(s => s with { ColorPreservation = mode });

    /// <summary>Sets the style image's size relative to the output (see <see cref="StyleTransferSettings.StyleScale"/>).</summary>
    public StyleTransferBuilder WithStyleScale(double scale) => Change(s => s with { StyleScale = scale });

    /// <summary>Sets which statistic the style loss matches (see <see cref="StyleLossKind"/>).</summary>
    public StyleTransferBuilder WithStyleLoss(StyleLossKind kind) => Change(s => s with { StyleLoss = kind });

    /// <summary>Normalises each layer's gradient by its L1 norm (see <see cref="StyleTransferSettings.NormalizeGradients"/>; needs Adam or SGD).</summary>
    public StyleTransferBuilder WithNormalizedGradients(bool normalize = true) => Change(s => s with { NormalizeGradients = normalize });

    /// <summary>Optimises coarse to fine (see <see cref="MultiScaleSettings"/>); null turns it off.</summary>
    public StyleTransferBuilder WithMultiScale(MultiScaleSettings? multiScale) => Change(s => s with { MultiScale = multiScale });

    /// <summary>Optimises coarse to fine with the default ladder (from 128 px, factor √2).</summary>
    public StyleTransferBuilder WithMultiScale() => WithMultiScale(new MultiScaleSettings());

    /// <summary>Evaluates large images in overlapping, blended tiles to bound memory (see <see cref="TilingSettings"/>); null turns it off.</summary>
    public StyleTransferBuilder WithTiling(TilingSettings? tiling) => Change(s => s with { Tiling = tiling });

    /// <summary>Evaluates large images in overlapping tiles of <paramref name="tileSize"/> pixels with the default halo and blend.</summary>
    public StyleTransferBuilder WithTiling(int tileSize = 512) => WithTiling(new TilingSettings { TileSize = tileSize });

    /// <summary>Sets the limits for decoding input images.</summary>
    public StyleTransferBuilder WithImageLoadOptions(ImageLoadOptions options)
    {
        _loadOptions = options;
        return this;
    }

    /// <summary>Validates everything and returns the runnable transfer.</summary>
    /// <exception cref="StyleTransferConfigurationException">Lists every problem found.</exception>
    public StyleTransfer Build()
    {
        var problems = new List<string>();
        if (_settings is null)
        {
            throw new StyleTransferConfigurationException(["Settings must not be null."]);
        }

        problems.AddRange(_settings.Validate());
        if (_content is null)
        {
            problems.Add("No content image: call WithContent(...).");
        }
        else
        {
            problems.AddRange(_content.Validate());
        }

        if (_styles.Count == 0)
        {
            problems.Add("No style image: call AddStyle(...) at least once.");
        }

        foreach (StyleInput style in _styles)
        {
            if (style.Source is null)
            {
                problems.Add("A style image source is null.");
                continue;
            }

            problems.AddRange(style.Source.Validate());
            problems.AddRange(style.Mask?.Validate() ?? []);
            if (!(style.Weight > 0) || double.IsInfinity(style.Weight))
            {
                problems.Add($"The blend weight of style {style.Source.Description} must be a positive finite number (got {style.Weight}).");
            }
        }

        if (_loadOptions is null)
        {
            problems.Add("Image load options must not be null.");
        }
        else
        {
            problems.AddRange(_loadOptions.Validate());
        }

        ObjectiveDefinition? definition = null;
        if (_extractor is null)
        {
            problems.Add("No feature extractor: call WithFeatureExtractor(...), e.g. with the embedded ResNet18 or a VGG19 weights file.");
        }
        else
        {
            definition = Resolve(_extractor, problems);
        }

        if (problems.Count > 0)
        {
            throw new StyleTransferConfigurationException(problems);
        }

        return new StyleTransfer(_extractor!, _content!, _styles.ToArray(), _settings, definition!, _progress, _snapshots, _logger, _loadOptions!);
    }

    private ObjectiveDefinition Resolve(IFeatureExtractor extractor, List<string> problems)
    {
        RecommendedLayers recommended = extractor.Recommended;
        IReadOnlyList<WeightedLayer> content = _settings.ContentLayers is null
            ? [new WeightedLayer(recommended.Content, 1)]
            : ResolveLayers(extractor, _settings.ContentLayers, "content", problems);
        IReadOnlyList<WeightedLayer> style = _settings.StyleLayers is null
            ? recommended.Style
            : ResolveLayers(extractor, _settings.StyleLayers, "style", problems);
        return new ObjectiveDefinition(
            content,
            style,
            _settings.ContentWeight,
            _settings.StyleWeight,
            _settings.TotalVariationWeight,
            _settings.ContentFormula,
            _settings.StyleFormula,
            _settings.TotalVariationFormula)
        {
            StyleLoss = _settings.StyleLoss,
            NormalizeGradients = _settings.NormalizeGradients,
            Tiling = _settings.Tiling,
        };
    }

    private static List<WeightedLayer> ResolveLayers(IFeatureExtractor extractor, IReadOnlyList<LayerChoice> choices, string kind, List<string> problems)
    {
        var layers = new List<WeightedLayer>();
        foreach (LayerChoice choice in choices)
        {
            if (string.IsNullOrWhiteSpace(choice.Name))
            {
                continue;
            }

            try
            {
                layers.Add(new WeightedLayer(extractor.ParseLayer(choice.Name), choice.Weight));
            }
            catch (ArgumentException exception)
            {
                problems.Add($"Unknown {kind} layer: {exception.Message.Split(" (Parameter")[0]}");
            }
        }

        return layers;
    }

    private StyleTransferBuilder Change(Func<StyleTransferSettings, StyleTransferSettings> change)
    {
        _settings = change(_settings);
        return this;
    }
}
