using Microsoft.Extensions.Logging;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.Stylizing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Transfer;

/// <summary>
/// Fluent front of the library. Set a feature extractor, a content image and one or more style
/// images, optionally a preset and overrides, then call <see cref="Build"/>, which validates
/// everything once and reports every problem in one <see cref="StyleTransferConfigurationException"/>.
/// Progress and snapshot sinks belong to each run (<see cref="StyleTransfer.RunAsync(RunReporting, CancellationToken)"/>).
/// </summary>
/// <example>
/// <code>
/// using var extractor = ResNet18FeatureExtractor.Load();
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
    private string? _extractorIdentity;
    private ImageSource? _content;
    private StyleTransferSettings _settings = StyleTransferSettings.Default;
    private ILogger? _logger;
    private ImageLoadOptions _loadOptions = ImageLoadOptions.Default;

    /// <summary>Sets the feature extractor (not owned: dispose it yourself).</summary>
    public StyleTransferBuilder WithFeatureExtractor(IFeatureExtractor extractor) => WithFeatureExtractor(extractor, null);

    /// <summary>Sets the feature extractor (not owned: dispose it yourself) and what identifies its weights.</summary>
    /// <param name="extractor">The network.</param>
    /// <param name="identity">
    /// What identifies its weights in <see cref="IStylizer.Identity"/> (e.g. its name and weights file), so
    /// that a batch redoes outputs made with other weights; null uses <see cref="IFeatureExtractor.Name"/>.
    /// </param>
    public StyleTransferBuilder WithFeatureExtractor(IFeatureExtractor extractor, string? identity)
    {
        _extractor = extractor;
        _extractorIdentity = identity;
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

    /// <summary>Sets the content image from a stream (read once, into memory, by <see cref="Build"/>).</summary>
    public StyleTransferBuilder WithContent(Stream stream) => WithContent(ImageSource.FromStream(stream));

    /// <summary>Sets the content image from memory.</summary>
    public StyleTransferBuilder WithContent(Image<Rgb24> image) => WithContent(ImageSource.FromImage(image));

    /// <summary>Sets the content image from memory, keeping its alpha.</summary>
    public StyleTransferBuilder WithContent(Image<Rgba32> image) => WithContent(ImageSource.FromImage(image));

    /// <summary>Adds a style image with a blend weight and, optionally, the region it applies to.</summary>
    /// <param name="style">The style image.</param>
    /// <param name="weight">
    /// Blend weight: the target of unmasked styles is the weighted mean of their statistics; a
    /// masked style's loss is multiplied by it.
    /// </param>
    /// <param name="mask">
    /// A grayscale image of the region (resized to the content): this style applies where it is
    /// white, not where it is black. Null styles the whole image. Where no mask is white, and no
    /// style is unmasked, the content is kept unstyled.
    /// </param>
    public StyleTransferBuilder AddStyle(ImageSource style, double weight = 1, ImageSource? mask = null) => AddStyle(new StyleInput(style, weight, mask));

    /// <summary>Adds a style image with its blend weight and optional region mask.</summary>
    public StyleTransferBuilder AddStyle(StyleInput style)
    {
        _styles.Add(style);
        return this;
    }

    /// <summary>Adds each of <paramref name="styles"/>, in order (<see cref="AddStyle(StyleInput)"/>).</summary>
    public StyleTransferBuilder AddStyles(IEnumerable<StyleInput> styles)
    {
        ArgumentNullException.ThrowIfNull(styles);
        _styles.AddRange(styles);
        return this;
    }

    /// <summary>Adds a style image file with a blend weight and, optionally, a mask file of the region it applies to.</summary>
    public StyleTransferBuilder AddStyle(string path, double weight = 1, string? maskPath = null) => AddStyle(StyleInput.FromFile(path, weight, maskPath));

    /// <summary>Adds a style image stream with a blend weight.</summary>
    public StyleTransferBuilder AddStyle(Stream stream, double weight = 1) => AddStyle(ImageSource.FromStream(stream), weight);

    /// <summary>Adds an in-memory style image with a blend weight.</summary>
    public StyleTransferBuilder AddStyle(Image<Rgb24> image, double weight = 1) => AddStyle(ImageSource.FromImage(image), weight);

    /// <summary>Replaces every setting with those of <paramref name="preset"/>; later calls override them.</summary>
    public StyleTransferBuilder UsePreset(StylePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return WithSettings(preset.Settings);
    }

    /// <summary>Replaces every setting.</summary>
    public StyleTransferBuilder WithSettings(StyleTransferSettings settings)
    {
        _settings = settings;
        return this;
    }

    /// <summary>Sets the content layer(s) by name.</summary>
    public StyleTransferBuilder WithContentLayers(params LayerChoice[] layers) => Objective(o => o with { ContentLayers = layers });

    /// <summary>Sets the content layer by name.</summary>
    public StyleTransferBuilder WithContentLayer(string name) => WithContentLayers(new LayerChoice(name));

    /// <summary>Sets the style layers with explicit weights.</summary>
    public StyleTransferBuilder WithStyleLayers(params LayerChoice[] layers) => Objective(o => o with { StyleLayers = layers });

    /// <summary>Sets the style layers by name, each with weight 1 / count.</summary>
    public StyleTransferBuilder WithStyleLayers(params string[] names) =>
        WithStyleLayers((names ?? []).Select(n => new LayerChoice(n, 1.0 / Math.Max(1, names!.Length))).ToArray());

    /// <summary>
    /// Sets how much style, from 0 (the photo) to 1 (as much as the method gives while the scene is
    /// still there); see <see cref="ObjectiveSettings.StyleStrength"/>. Validated at <see cref="Build"/>.
    /// </summary>
    public StyleTransferBuilder WithStyleStrength(double strength) => Objective(o => o with { StyleStrength = strength });

    /// <summary>Sets the weights of the three terms (style and total variation at strength 1: see <see cref="WithStyleStrength"/>).</summary>
    public StyleTransferBuilder WithWeights(double content, double style, double totalVariation) =>
        Objective(o => o with { ContentWeight = content, StyleWeight = style, TotalVariationWeight = totalVariation });

    /// <summary>Sets the loss formulas.</summary>
    public StyleTransferBuilder WithLossFormulas(ContentLossFormula content, StyleLossFormula style, TotalVariationFormula totalVariation) =>
        Objective(o => o with { ContentFormula = content, StyleFormula = style, TotalVariationFormula = totalVariation });

    /// <summary>Sets which statistic the style loss matches (see <see cref="StyleLossKind"/>).</summary>
    public StyleTransferBuilder WithStyleLoss(StyleLossKind kind) => Objective(o => o with { StyleLoss = kind });

    /// <summary>Normalises each layer's gradient by its L1 norm (see <see cref="ObjectiveSettings.NormalizeGradients"/>; needs Adam or SGD).</summary>
    public StyleTransferBuilder WithNormalizedGradients(bool normalize = true) => Objective(o => o with { NormalizeGradients = normalize });

    /// <summary>Sets the optimiser.</summary>
    public StyleTransferBuilder WithOptimizer(OptimizerSettings optimizer) => Optimization(o => o with { Optimizer = optimizer });

    /// <summary>Sets the evaluation budget (forward and backward passes; L-BFGS line-search trials count).</summary>
    public StyleTransferBuilder WithEvaluations(int evaluations) => Optimization(o => o with { Evaluations = evaluations });

    /// <summary>Sets the initial image.</summary>
    public StyleTransferBuilder WithInit(InitMode init) => Optimization(o => o with { Init = init });

    /// <summary>Sets the seed of noise initialisation.</summary>
    public StyleTransferBuilder WithSeed(long seed) => Optimization(o => o with { Seed = seed });

    /// <summary>Sets which tensor is optimised.</summary>
    public StyleTransferBuilder WithOptimizationSpace(OptimizationSpace space) => Optimization(o => o with { Space = space });

    /// <summary>Optimises coarse to fine (see <see cref="MultiScaleSettings"/>); null turns it off.</summary>
    public StyleTransferBuilder WithMultiScale(MultiScaleSettings? multiScale) => Optimization(o => o with { MultiScale = multiScale });

    /// <summary>Optimises coarse to fine with the default ladder (from 128 px, factor √2).</summary>
    public StyleTransferBuilder WithMultiScale() => WithMultiScale(new MultiScaleSettings());

    /// <summary>Sets the working and output size.</summary>
    public StyleTransferBuilder WithSize(OutputSize size) => Image(i => i with { Size = size });

    /// <summary>Sets how style images are sized.</summary>
    public StyleTransferBuilder WithStyleSizing(StyleImageSizing sizing) => Image(i => i with { StyleSizing = sizing });

    /// <summary>Sets the style image's size relative to the output (see <see cref="ImageSettings.StyleScale"/>).</summary>
    public StyleTransferBuilder WithStyleScale(double scale) => Image(i => i with { StyleScale = scale });

    /// <summary>Keeps the content's colours (<see cref="ColorPreservation.LuminanceOnly"/>, <see cref="ColorPreservation.ColorMatching"/>) or not.</summary>
    public StyleTransferBuilder WithColorPreservation(ColorPreservation mode) => Image(i => i with { ColorPreservation = mode });

    /// <summary>Evaluates large images in overlapping, blended tiles to bound memory (see <see cref="TilingSettings"/>); null turns it off.</summary>
    public StyleTransferBuilder WithTiling(TilingSettings? tiling) => Memory(m => m with { Tiling = tiling });

    /// <summary>Evaluates large images in overlapping tiles of <paramref name="tileSize"/> pixels with the default halo and blend.</summary>
    public StyleTransferBuilder WithTiling(int tileSize) => WithTiling(new TilingSettings { TileSize = tileSize });

    /// <summary>Sets the memory a run may need (see <see cref="MemorySettings.LimitBytes"/>); 0 turns the check off.</summary>
    public StyleTransferBuilder WithMemoryLimit(long bytes) => Memory(m => m with { LimitBytes = bytes });

    /// <summary>Sets the logger for diagnostics.</summary>
    public StyleTransferBuilder WithLogger(ILogger logger)
    {
        _logger = logger;
        return this;
    }

    /// <summary>Sets the limits for decoding input images.</summary>
    public StyleTransferBuilder WithImageLoadOptions(ImageLoadOptions options)
    {
        _loadOptions = options;
        return this;
    }

    /// <summary>
    /// Validates everything and returns the runnable transfer of the content image. A content or style
    /// image given as a stream is read here, once, so the transfer can be run again (and by several
    /// threads) without re-reading a stream that is already at its end.
    /// </summary>
    /// <exception cref="StyleTransferConfigurationException">Lists every problem found.</exception>
    /// <exception cref="ImageTooLargeException">An image stream is longer than <see cref="ImageLoadOptions.MaxStreamBytes"/>.</exception>
    public StyleTransfer Build()
    {
        ResolvedObjective objective = Validate(withContent: true);
        ImageSource content = _content!.Rereadable(_loadOptions.MaxStreamBytes);
        StyleInput[] styles = _styles.Select(s => s.Rereadable(_loadOptions.MaxStreamBytes)).ToArray();
        return new StyleTransfer(_extractor!, content, styles, _settings, objective, _logger, _loadOptions, targetCache: null);
    }

    /// <summary>
    /// Validates everything but the content and returns a stylizer that paints any photo with these
    /// styles and settings (<see cref="IStylizer"/>: one call a photo, style targets computed once).
    /// No content image may be set: each call gives its own. A style given as a stream is read here,
    /// once (every call uses it again).
    /// </summary>
    /// <exception cref="StyleTransferConfigurationException">Lists every problem found.</exception>
    /// <exception cref="ImageTooLargeException">A style stream is longer than <see cref="ImageLoadOptions.MaxStreamBytes"/>.</exception>
    public TransferStylizer BuildStylizer()
    {
        ResolvedObjective objective = Validate(withContent: false);
        (StyleInput Input, string Identity)[] styles = _styles.Select(s => s.ForReuse(_loadOptions.MaxStreamBytes)).ToArray();
        return new TransferStylizer(_extractor!, _extractorIdentity ?? _extractor!.Name, styles, _settings, objective, _logger, _loadOptions);
    }

    private ResolvedObjective Validate(bool withContent)
    {
        NeuralStyle.Runtime.Nnpack.Disable();
        var problems = new ProblemList();
        if (_settings is null)
        {
            problems.Add(Setting.Settings, "The settings are null.", "Pass StyleTransferSettings.Default or a preset's settings to WithSettings.");
            problems.ThrowIfAny();
        }

        _settings!.Validate(problems);
        ValidateContent(problems, withContent);
        ValidateInputs(problems);
        ResolvedObjective? objective = _extractor is null || _settings.Objective is null ? null : ResolveFor(_extractor, problems);
        problems.Require(
            _extractor is not null,
            Setting.FeatureExtractor,
            "No feature extractor is set.",
            "Call WithFeatureExtractor(...), e.g. with ResNet18FeatureExtractor.Load() (embedded, offline) or a VGG19 weights file.");
        problems.ThrowIfAny();
        return objective!;
    }

    private void ValidateContent(ProblemList problems, bool required)
    {
        if (!required)
        {
            problems.Require(_content is null, Setting.ContentImage, "A content image is set, but a stylizer takes its photo at each call.", "Call Build() for one transfer of this content, or do not call WithContent before BuildStylizer().");
        }
        else if (_content is null)
        {
            problems.Add(Setting.ContentImage, "No content image is set.", "Call WithContent(...).");
        }
        else
        {
            _content.Validate(problems, Setting.ContentImage);
        }
    }

    private void ValidateInputs(ProblemList problems)
    {
        problems.Require(_styles.Count > 0, Setting.StyleImage, "No style image is set.", "Call AddStyle(...) at least once.");
        foreach (StyleInput style in _styles)
        {
            if (style is null)
            {
                problems.Add(Setting.StyleImage, "A style input is null.", "Pass a StyleInput, a path, a stream or an image.");
                continue;
            }

            style.Validate(problems);
        }

        if (_loadOptions is null)
        {
            problems.Add(Setting.ImageLoadOptions, "The image load options are null.", "Pass ImageLoadOptions.Default or your own limits.");
        }
        else
        {
            _loadOptions.Validate(problems);
        }
    }

    /// <summary>Checks the extractor the settings were made for, then resolves the layer names.</summary>
    private ResolvedObjective? ResolveFor(IFeatureExtractor extractor, ProblemList problems)
    {
        if (_settings.Extractor is ExtractorRequirement required && !required.IsMetBy(extractor))
        {
            // The settings name another network's layers: listing this extractor's would mislead.
            problems.Add(
                Setting.FeatureExtractor,
                $"{required.Source} needs {required.Backbone} with {required.InputName} (its layers and weights were made for it), but the feature extractor is {extractor.Name}.",
                $"Use a {required.Backbone} extractor with {required.InputName}, or clear StyleTransferSettings.Extractor to adapt the settings to {extractor.Name}.");
            return null;
        }

        return ResolvedObjective.Resolve(extractor, _settings.Objective, problems);
    }

    private StyleTransferBuilder Objective(Func<ObjectiveSettings, ObjectiveSettings> change) => WithSettings(_settings.WithObjective(change));

    private StyleTransferBuilder Optimization(Func<OptimizationSettings, OptimizationSettings> change) => WithSettings(_settings.WithOptimization(change));

    private StyleTransferBuilder Image(Func<ImageSettings, ImageSettings> change) => WithSettings(_settings.WithImage(change));

    private StyleTransferBuilder Memory(Func<MemorySettings, MemorySettings> change) => WithSettings(_settings.WithMemory(change));
}
