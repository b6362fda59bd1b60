using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// <c>--preset</c> and every option that changes a library setting, each declared once and bound to
/// that setting. Defaults, limits and presets come from the library: help shows
/// <see cref="StyleTransferSettings.Default"/>'s values, and <c>Build()</c> validates what is given.
/// </summary>
internal sealed class TransferOptions
{
    private readonly Option<StylePreset> _preset = new("--preset")
    {
        Description = "Starting settings: " + string.Join("; ", StylePreset.All.Select(p => $"{p.Aliases[0]} ({p.Summary})")) + ". The options below change them.",
        HelpName = string.Join('|', StylePreset.All.Select(p => p.Aliases[0])),
        CustomParser = ParsePreset,
        DefaultValueFactory = _ => StylePreset.Default,
    };

    private readonly SettingOption<bool> _multiScale;
    private readonly SettingOption<int> _minSize;
    private readonly SettingOption<int> _scaleIterations;
    private readonly SettingOption<int> _tileSize;
    private readonly SettingOption<int> _tileHalo;
    private readonly SettingOption<bool> _preserveColors;
    private readonly SettingOption<bool> _colorMatch;

    public TransferOptions()
    {
        _preserveColors = Flag("--preserve-colors", "Keep the content's colours: only luminance (brush strokes, texture) comes from the style.", Setting.ColorPreservation,
            s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.LuminanceOnly }));
        _colorMatch = Flag("--color-match", "Recolour the style images to the content's colour mean and covariance before styling (keeps the photo's palette).", Setting.ColorPreservation,
            s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.ColorMatching }));
        _multiScale = Flag("--multi-scale", "Optimise coarse to fine: from --min-size up to --size, each scale the previous one's side times the ladder's factor.", null,
            s => s.WithOptimization(o => o with { MultiScale = o.MultiScale ?? new MultiScaleSettings() }));
        _minSize = Bind<int>(["--min-size"], "Longest side of the first --multi-scale scale.", Setting.MultiScaleSmallestSide, _ => new MultiScaleSettings().SmallestSide,
            (s, v) => MultiScale(s, m => m with { SmallestSide = v }));
        _scaleIterations = Bind<int>(["--scale-iterations", "--scale-evaluations"], "Evaluations at each --multi-scale scale before the last (default: --iterations).", Setting.MultiScaleCoarseEvaluations, null,
            (s, v) => MultiScale(s, m => m with { CoarseEvaluations = v }));
        _tileSize = Bind<int>(["--tile-size"], Invariant($"Evaluate the network in overlapping tiles of this many pixels (bounds memory for large outputs, e.g. {new TilingSettings().TileSize})."), Setting.TileSize, null,
            (s, v) => Tiling(s, t => t with { TileSize = v }));
        _tileHalo = Bind<int>(["--tile-halo"], "Context pixels around each --tile-size tile, also the cross-fade width.", Setting.TileHalo, _ => new TilingSettings().Halo,
            (s, v) => Tiling(s, t => t with { Halo = v }));
        All =
        [
            Bind<int>(["--size", "-s"], "Longest side of the result in pixels (a preset may fix the height instead).", Setting.Size, s => s.Image.Size.Pixels,
                (s, v) => s.WithImage(i => i with { Size = OutputSize.LongestSide(v) })),
            Bind<int>(["--iterations", "-n", "--evaluations"], "Evaluations (forward+backward passes, line-search trials included) to spend.", Setting.Evaluations, s => s.Optimization.Evaluations,
                (s, v) => s.WithOptimization(o => o with { Evaluations = v })),
            Bind<double>(["--strength"], "How much style: 0 is the photo, 1 as much as the method gives while the scene is still there (scales the style and smoothness weights).", Setting.StyleStrength, s => s.Objective.StyleStrength,
                (s, v) => s.WithObjective(o => o with { StyleStrength = v })),
            Bind<double>(["--content-weight"], "Weight of the content loss.", Setting.ContentWeight, s => s.Objective.ContentWeight,
                (s, v) => s.WithObjective(o => o with { ContentWeight = v })),
            Bind<double>(["--style-weight"], "Weight of the style loss at --strength 1 (experts: --strength 1 applies the weights as given).", Setting.StyleWeight, s => s.Objective.StyleWeight,
                (s, v) => s.WithObjective(o => o with { StyleWeight = v })),
            Bind<double>(["--tv-weight"], "Weight of the total variation (smoothness) loss at --strength 1.", Setting.TotalVariationWeight, s => s.Objective.TotalVariationWeight,
                (s, v) => s.WithObjective(o => o with { TotalVariationWeight = v })),
            Bind<OptimizerKind>(["--optimizer"], "The pixel optimiser.", Setting.Optimizer, s => s.Optimization.Optimizer.Kind,
                (s, kind) => s.WithOptimization(o => o with { Optimizer = o.Optimizer.Kind == kind ? o.Optimizer : OptimizerSettings.For(kind) })),
            Bind<double>(["--learning-rate", "--lr"], LearningRateDescription(), Setting.LearningRate, null,
                (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { LearningRate = v } })),
            Bind<double>(["--average-decay"], "Adam: return a moving average of the iterates with this decay (e.g. 0.95; 0 = the last iterate).", Setting.AverageDecay, s => s.Optimization.Optimizer.AverageDecay,
                (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { AverageDecay = v } })),
            Bind<InitMode>(["--init"], "What the image starts from.", Setting.Init, s => s.Optimization.Init,
                (s, v) => s.WithOptimization(o => o with { Init = v })),
            Bind<long>(["--seed"], "Seed for --init noise.", null, s => s.Optimization.Seed,
                (s, v) => s.WithOptimization(o => o with { Seed = v })),
            _preserveColors,
            _colorMatch,
            Bind<double>(["--style-scale"], "Style image size relative to the output (0.5 = strokes twice as large, 2 = finer).", Setting.StyleScale, s => s.Image.StyleScale,
                (s, v) => s.WithImage(i => i with { StyleScale = v })),
            Bind(["--style-loss"], "Style statistic (Gram matrices, channel mean and covariance, or the Wasserstein-2 distance).", Setting.StyleLoss, s => s.Objective.StyleLoss,
                (s, v) => s.WithObjective(o => o with { StyleLoss = v }),
                Choices.Parser<StyleLossKind>("--style-loss", new Dictionary<string, StyleLossKind> { ["mean-cov"] = StyleLossKind.MeanCovariance })),
            Flag("--normalize-gradients", "Divide each layer's gradient by its L1 norm (needs --optimizer adam or sgd).", Setting.NormalizeGradients,
                s => s.WithObjective(o => o with { NormalizeGradients = true })),
            _multiScale,
            _minSize,
            _scaleIterations,
            _tileSize,
            _tileHalo,
        ];
    }

    /// <summary>Every option bound to a setting, in the order they are applied.</summary>
    public IReadOnlyList<SettingOption> All { get; }

    /// <summary>Adds <c>--preset</c> and the options to <paramref name="command"/>, with the rules between them.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_preset);
        foreach (SettingOption option in All)
        {
            command.Options.Add(option.Option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(_preserveColors.Typed) && result.GetValue(_colorMatch.Typed))
            {
                result.AddError("--preserve-colors and --color-match are two ways to keep the content's colours: choose one.");
            }

            if (!result.GetValue(_multiScale.Typed) && (_minSize.IsGiven(result) || _scaleIterations.IsGiven(result)))
            {
                result.AddError("--min-size and --scale-iterations apply to --multi-scale: add --multi-scale or drop them.");
            }

            if (!_tileSize.IsGiven(result) && _tileHalo.IsGiven(result))
            {
                result.AddError(Invariant($"--tile-halo applies to tiled evaluation: add --tile-size (e.g. {new TilingSettings().TileSize}) or drop it."));
            }
        });
    }

    /// <summary>The preset's settings with every given option applied.</summary>
    public StyleTransferSettings Resolve(ParseResult result) =>
        All.Aggregate(result.GetRequiredValue(_preset).Settings, (settings, option) => option.ApplyTo(settings, result));

    /// <summary>The option a problem with <paramref name="setting"/> came from; null when no option here sets it.</summary>
    public string? OptionFor(Setting setting) => All.FirstOrDefault(o => o.Setting == setting)?.Option.Name;

    private static SettingOption<T> Bind<T>(
        string[] names,
        string description,
        Setting? setting,
        Func<StyleTransferSettings, T>? libraryDefault,
        Func<StyleTransferSettings, T, StyleTransferSettings> apply,
        Func<ArgumentResult, T>? parser = null)
    {
        var option = new Option<T>(names[0], names[1..]) { Description = description, CustomParser = parser };
        if (typeof(T).IsEnum)
        {
            option.HelpName = Choices.HelpName(typeof(T));
            option.CustomParser ??= Choices.Parser<T>(names[0]);
        }

        return new SettingOption<T>(option, setting, libraryDefault, apply);
    }

    private static SettingOption<bool> Flag(string name, string description, Setting? setting, Func<StyleTransferSettings, StyleTransferSettings> apply) =>
        Bind<bool>([name], description, setting, null, (s, _) => apply(s));

    private static string LearningRateDescription() =>
        "Step size of the optimiser (defaults: "
        + string.Join(", ", Enum.GetValues<OptimizerKind>().Select(k => Invariant($"{Choices.Kebab(k.ToString())} {OptimizerSettings.For(k).LearningRate}")))
        + "; for L-BFGS, the first trial step of each line search).";

    private static StylePreset ParsePreset(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (StylePreset.TryParse(text, out StylePreset? preset))
        {
            return preset;
        }

        result.AddError($"Unknown preset '{text}': use {string.Join(", ", StylePreset.All.Select(p => p.Aliases[0]))}.");
        return StylePreset.Default;
    }

    private static StyleTransferSettings MultiScale(StyleTransferSettings s, Func<MultiScaleSettings, MultiScaleSettings> change) =>
        s.WithOptimization(o => o with { MultiScale = change(o.MultiScale ?? new MultiScaleSettings()) });

    private static StyleTransferSettings Tiling(StyleTransferSettings s, Func<TilingSettings, TilingSettings> change) =>
        s.WithMemory(m => m with { Tiling = change(m.Tiling ?? new TilingSettings()) });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
