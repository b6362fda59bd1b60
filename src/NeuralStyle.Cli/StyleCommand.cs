using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;

namespace NeuralStyle.Cli;

/// <summary>The arguments and options of <c>neural-style CONTENT STYLE [STYLE...] -o OUT</c>, and their binding to <see cref="StyleOptions"/>.</summary>
internal sealed class StyleCommand
{
    private readonly Argument<string> _content = new("content") { Description = "The photo to repaint." };
    private readonly Argument<string[]> _styles = new("style") { Description = "One or more style images (paintings).", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _output = new("--output", "-o") { Description = "Where to write the result (.png, .jpg or .webp).", Required = true };
    private readonly Option<int?> _size = new("--size", "-s") { Description = "Longest side of the result in pixels (default: 512; keras preset: 400 high)." };
    private readonly Option<Backbone> _backbone = new("--backbone", "-b") { Description = "Feature network: resnet18 (offline, default) or vgg19.", DefaultValueFactory = _ => Backbone.ResNet18 };
    private readonly Option<string?> _weights = new("--weights", "-w") { Description = "Weights file: VGG19 .pth/.safetensors (default: the download cache) or ResNet18 .onnx." };
    private readonly Option<StylePreset> _preset = new("--preset") { Description = "Starting settings: default, or keras (the Keras example's exact recipe; needs vgg19).", CustomParser = ParsePreset, DefaultValueFactory = _ => StylePreset.Default };
    private readonly Option<int?> _iterations = new("--iterations", "-n") { Description = "Evaluations (forward+backward passes) to spend (default 300; keras 4000)." };
    private readonly Option<double?> _contentWeight = new("--content-weight") { Description = "Weight of the content loss." };
    private readonly Option<double?> _styleWeight = new("--style-weight") { Description = "Weight of the style loss." };
    private readonly Option<double?> _tvWeight = new("--tv-weight") { Description = "Weight of the total variation (smoothness) loss." };
    private readonly Option<double[]?> _blend = new("--style-blend") { Description = "Blend weight of each style image, in order (e.g. --style-blend 0.7 0.3).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<OptimizerKind?> _optimizer = new("--optimizer") { Description = "lbfgs (default), adam or sgd." };
    private readonly Option<double?> _learningRate = new("--learning-rate", "--lr") { Description = "Learning rate for adam or sgd." };
    private readonly Option<InitMode?> _init = new("--init") { Description = "Start from the content (default), the style, noise or gray." };
    private readonly Option<bool> _preserveColors = new("--preserve-colors") { Description = "Keep the content's colours: only luminance (brush strokes, texture) comes from the style." };
    private readonly Option<bool> _colorMatch = new("--color-match") { Description = "Recolour the style images to the content's colour mean and covariance before styling (keeps the photo's palette)." };
    private readonly Option<double?> _styleScale = new("--style-scale") { Description = "Style image size relative to the output (0.5 = strokes twice as large, 2 = finer)." };
    private readonly Option<string[]?> _styleMasks = new("--style-mask") { Description = "A grayscale mask per style image, in order: each style applies where its mask is white.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<StyleLossKind?> _styleLoss = new("--style-loss") { Description = "Style statistic: gram (default), mean-cov or wasserstein.", CustomParser = ParseStyleLoss };
    private readonly Option<bool> _normalizeGradients = new("--normalize-gradients") { Description = "Divide each layer's gradient by its L1 norm (needs --optimizer adam or sgd)." };
    private readonly Option<bool> _multiScale = new("--multi-scale") { Description = "Optimise coarse to fine: from --min-size up to --size in steps of sqrt(2)." };
    private readonly Option<int?> _minSize = new("--min-size") { Description = "Longest side of the first --multi-scale scale (default 128)." };
    private readonly Option<int?> _scaleIterations = new("--scale-iterations") { Description = "Evaluations at each --multi-scale scale before the last (default: --iterations)." };
    private readonly Option<int?> _tileSize = new("--tile-size") { Description = "Evaluate the network in overlapping tiles of this many pixels (bounds memory for large outputs, e.g. 512)." };
    private readonly Option<int?> _tileHalo = new("--tile-halo") { Description = "Context pixels around each --tile-size tile, also the cross-fade width (default 64)." };
    private readonly Option<double?> _averageDecay = new("--average-decay") { Description = "Adam: return a moving average of the iterates with this decay (e.g. 0.95)." };
    private readonly Option<Vgg19Pooling?> _pooling = new("--pooling") { Description = "VGG19 pooling: max (default), average or scaled-average (average x2).", CustomParser = ParsePooling };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed for --init noise." };
    private readonly Option<int?> _threads = new("--threads", "-t") { Description = "CPU threads for TorchSharp (default: all cores)." };
    private readonly Option<int> _saveEvery = new("--save-every") { Description = "Also write OUTPUT.NNNN.ext every N evaluations." };
    private readonly Option<string> _device = new("--device") { Description = "Torch device: cpu (default) or cuda[:N] with a CUDA build of libtorch.", DefaultValueFactory = _ => "cpu" };
    private readonly Option<bool> _overwrite = new("--overwrite", "-f") { Description = "Replace OUTPUT (and snapshots) if they exist." };
    private readonly OutputModeOptions _mode = new();

    public StyleCommand()
    {
        _size.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 32, 16384, "--size"));
        _iterations.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 1, 1_000_000, "--iterations"));
        _threads.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 1, 1024, "--threads"));
        _saveEvery.Validators.Add(r => Range(r, r.GetValueOrDefault<int>(), 0, int.MaxValue, "--save-every"));
        _minSize.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 32, 16384, "--min-size"));
        _scaleIterations.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 1, 1_000_000, "--scale-iterations"));
        _tileSize.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 64, 16384, "--tile-size"));
        _tileHalo.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>(), 0, 1024, "--tile-halo"));
        foreach (Option<double?> weight in new[] { _contentWeight, _styleWeight, _tvWeight, _learningRate })
        {
            weight.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<double?>() is double value && (!(value >= 0) || double.IsInfinity(value)))
                {
                    r.AddError($"{r.Option.Name} must be a non-negative finite number, got {value}.");
                }
            });
        }
    }

    /// <summary>Adds the arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_content);
        command.Arguments.Add(_styles);
        foreach (Option option in new Option[]
        {
            _output, _size, _backbone, _weights, _preset, _iterations, _contentWeight, _styleWeight, _tvWeight, _blend,
            _optimizer, _learningRate, _init, _preserveColors, _colorMatch, _styleScale, _styleMasks, _styleLoss, _normalizeGradients,
            _multiScale, _minSize, _scaleIterations, _tileSize, _tileHalo, _averageDecay, _pooling, _seed, _threads, _saveEvery, _device, _overwrite,
        })
        {
            command.Options.Add(option);
        }

        _mode.AddTo(command);
        command.Validators.Add(result =>
        {
            string[] styles = result.GetValue(_styles) ?? [];
            foreach (string value in styles.Prepend(result.GetValue(_content) ?? string.Empty))
            {
                if (value.StartsWith('-') && !File.Exists(value))
                {
                    result.AddError($"Unknown option '{value}'.");
                }
            }

            if (result.GetValue(_blend) is { Length: > 0 } blend && blend.Length != styles.Length)
            {
                result.AddError($"--style-blend has {blend.Length} weight(s) for {styles.Length} style image(s): give one weight per style image.");
            }

            if (result.GetValue(_styleMasks) is { Length: > 0 } masks && masks.Length != styles.Length)
            {
                result.AddError($"--style-mask has {masks.Length} mask(s) for {styles.Length} style image(s): give one mask per style image.");
            }

            if (result.GetValue(_preserveColors) && result.GetValue(_colorMatch))
            {
                result.AddError("--preserve-colors and --color-match are two ways to keep the content's colours: choose one.");
            }

            if (!result.GetValue(_multiScale) && (result.GetValue(_minSize) is not null || result.GetValue(_scaleIterations) is not null))
            {
                result.AddError("--min-size and --scale-iterations apply to --multi-scale: add --multi-scale or drop them.");
            }

            if (result.GetValue(_tileSize) is null && result.GetValue(_tileHalo) is not null)
            {
                result.AddError("--tile-halo applies to tiled evaluation: add --tile-size (e.g. 512) or drop it.");
            }
        });
    }

    /// <summary>Reads the typed options from a successful parse.</summary>
    public StyleOptions Bind(ParseResult result) => new()
    {
        Content = result.GetRequiredValue(_content),
        Styles = result.GetRequiredValue(_styles),
        Output = result.GetRequiredValue(_output),
        Size = result.GetValue(_size),
        Backbone = result.GetValue(_backbone),
        Weights = result.GetValue(_weights),
        Preset = result.GetValue(_preset),
        Iterations = result.GetValue(_iterations),
        ContentWeight = result.GetValue(_contentWeight),
        StyleWeight = result.GetValue(_styleWeight),
        TotalVariationWeight = result.GetValue(_tvWeight),
        StyleBlend = result.GetValue(_blend) is { Length: > 0 } blend ? blend : null,
        Optimizer = result.GetValue(_optimizer),
        LearningRate = result.GetValue(_learningRate),
        Init = result.GetValue(_init),
        Seed = result.GetValue(_seed),
        PreserveColors = result.GetValue(_preserveColors),
        ColorMatch = result.GetValue(_colorMatch),
        StyleScale = result.GetValue(_styleScale),
        StyleMasks = result.GetValue(_styleMasks) is { Length: > 0 } masks ? masks : null,
        StyleLoss = result.GetValue(_styleLoss),
        NormalizeGradients = result.GetValue(_normalizeGradients),
        MultiScale = result.GetValue(_multiScale) ? MultiScale(result) : null,
        Tiling = result.GetValue(_tileSize) is int tileSize ? Tiling(result, tileSize) : null,
        AverageDecay = result.GetValue(_averageDecay),
        Pooling = result.GetValue(_pooling),
        Threads = result.GetValue(_threads),
        SaveEvery = result.GetValue(_saveEvery),
        Device = result.GetValue(_device) ?? "cpu",
        Overwrite = result.GetValue(_overwrite),
        Mode = _mode.Read(result),
    };

    /// <summary>The ladder, keeping <see cref="MultiScaleSettings"/>' own defaults where no option overrides them.</summary>
    private MultiScaleSettings MultiScale(ParseResult result)
    {
        var settings = new MultiScaleSettings { CoarseIterations = result.GetValue(_scaleIterations) };
        return result.GetValue(_minSize) is int side ? settings with { SmallestSide = side } : settings;
    }

    /// <summary>The tiles, keeping <see cref="TilingSettings"/>' own default halo unless <c>--tile-halo</c> is given.</summary>
    private TilingSettings Tiling(ParseResult result, int tileSize)
    {
        var settings = new TilingSettings { TileSize = tileSize };
        return result.GetValue(_tileHalo) is int halo ? settings with { Halo = halo } : settings;
    }

    private static void Range<T>(OptionResult result, T? value, T min, T max, string name)
        where T : struct, IComparable<T>
    {
        if (value is T v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            result.AddError($"{name} must be between {min} and {max}, got {v}.");
        }
    }

    private static void Range<T>(OptionResult result, T value, T min, T max, string name)
        where T : struct, IComparable<T> => Range(result, (T?)value, min, max, name);

    private static StyleLossKind? ParseStyleLoss(ArgumentResult result) =>
        ParseChoice(result, "--style-loss", new Dictionary<string, StyleLossKind>
        {
            ["gram"] = StyleLossKind.Gram,
            ["mean-cov"] = StyleLossKind.MeanCovariance,
            ["wasserstein"] = StyleLossKind.Wasserstein,
        });

    private static Vgg19Pooling? ParsePooling(ArgumentResult result) =>
        ParseChoice(result, "--pooling", new Dictionary<string, Vgg19Pooling>
        {
            ["max"] = Vgg19Pooling.Max,
            ["average"] = Vgg19Pooling.Average,
            ["scaled-average"] = Vgg19Pooling.ScaledAverage,
        });

    private static T? ParseChoice<T>(ArgumentResult result, string name, Dictionary<string, T> choices)
        where T : struct
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (choices.TryGetValue(text.ToLowerInvariant(), out T value))
        {
            return value;
        }

        result.AddError($"Unknown {name} '{text}': use {string.Join(", ", choices.Keys)}.");
        return null;
    }

    private static StylePreset ParsePreset(ArgumentResult result) =>
        result.Tokens.Count == 0
            ? StylePreset.Default
            : ParseChoice(result, "preset", new Dictionary<string, StylePreset>
            {
                ["default"] = StylePreset.Default,
                ["keras"] = StylePreset.KerasExample,
                ["keras-example"] = StylePreset.KerasExample,
                ["kerasexample"] = StylePreset.KerasExample,
            }) ?? StylePreset.Default;
}
