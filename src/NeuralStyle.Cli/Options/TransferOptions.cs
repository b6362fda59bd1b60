using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// <c>--preset</c> and every option that changes a library setting, each made from the setting's
/// <see cref="SettingDescription"/> (<see cref="SettingDescriptions"/>) and bound to it. Defaults,
/// limits and presets come from the library, and <c>Build()</c> validates what is given.
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
        _preserveColors = Flag(SettingDescriptions.PreserveColors, s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.LuminanceOnly }));
        _colorMatch = Flag(SettingDescriptions.ColorMatch, s => s.WithImage(i => i with { ColorPreservation = ColorPreservation.ColorMatching }));
        _multiScale = Flag(SettingDescriptions.MultiScale, s => s.WithOptimization(o => o with { MultiScale = o.MultiScale ?? new MultiScaleSettings() }));
        _minSize = Bind<int>(SettingDescriptions.MultiScaleSmallestSide, (s, v) => MultiScale(s, m => m with { SmallestSide = v }));
        _scaleIterations = Bind<int>(SettingDescriptions.MultiScaleCoarseEvaluations, (s, v) => MultiScale(s, m => m with { CoarseEvaluations = v }));
        _tileSize = Bind<int>(SettingDescriptions.TileSize, (s, v) => Tiling(s, t => t with { TileSize = v }));
        _tileHalo = Bind<int>(SettingDescriptions.TileHalo, (s, v) => Tiling(s, t => t with { Halo = v }));
        All =
        [
            Bind<int>(SettingDescriptions.Size, (s, v) => s.WithImage(i => i with { Size = OutputSize.LongestSide(v) }), shortNames: "-s"),
            Bind<int>(SettingDescriptions.Evaluations, (s, v) => s.WithOptimization(o => o with { Evaluations = v }), shortNames: "-n"),
            Bind<double>(SettingDescriptions.StyleStrength, (s, v) => s.WithObjective(o => o with { StyleStrength = v })),
            Bind<double>(SettingDescriptions.ContentWeight, (s, v) => s.WithObjective(o => o with { ContentWeight = v })),
            Bind<double>(SettingDescriptions.StyleWeight, (s, v) => s.WithObjective(o => o with { StyleWeight = v })),
            Bind<double>(SettingDescriptions.TotalVariationWeight, (s, v) => s.WithObjective(o => o with { TotalVariationWeight = v })),
            Bind<OptimizerKind>(
                SettingDescriptions.Optimizer,
                (s, kind) => s.WithOptimization(o => o with { Optimizer = o.Optimizer.Kind == kind ? o.Optimizer : OptimizerSettings.For(kind) })),
            Bind<double>(SettingDescriptions.LearningRate, (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { LearningRate = v } })),
            Bind<double>(SettingDescriptions.AverageDecay, (s, v) => s.WithOptimization(o => o with { Optimizer = o.Optimizer with { AverageDecay = v } })),
            Bind<InitMode>(SettingDescriptions.Init, (s, v) => s.WithOptimization(o => o with { Init = v })),
            Bind<long>(SettingDescriptions.Seed, (s, v) => s.WithOptimization(o => o with { Seed = v })),
            _preserveColors,
            _colorMatch,
            Bind<double>(SettingDescriptions.StyleScale, (s, v) => s.WithImage(i => i with { StyleScale = v })),
            Bind(
                SettingDescriptions.StyleLoss,
                (s, v) => s.WithObjective(o => o with { StyleLoss = v }),
                Choices.Parser<StyleLossKind>(DescribedOptions.NameOf(SettingDescriptions.StyleLoss), new Dictionary<string, StyleLossKind> { ["mean-cov"] = StyleLossKind.MeanCovariance })),
            Flag(SettingDescriptions.NormalizeGradients, s => s.WithObjective(o => o with { NormalizeGradients = true })),
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
                result.AddError($"{_preserveColors.Option.Name} and {_colorMatch.Option.Name} are two ways to keep the content's colours: choose one.");
            }

            if (!result.GetValue(_multiScale.Typed) && (_minSize.IsGiven(result) || _scaleIterations.IsGiven(result)))
            {
                result.AddError($"{_minSize.Option.Name} and {_scaleIterations.Option.Name} apply to {_multiScale.Option.Name}: add {_multiScale.Option.Name} or drop them.");
            }

            if (!_tileSize.IsGiven(result) && _tileHalo.IsGiven(result))
            {
                result.AddError(Invariant($"{_tileHalo.Option.Name} applies to tiled evaluation: add {_tileSize.Option.Name} (e.g. {new TilingSettings().TileSize}) or drop it."));
            }
        });
    }

    /// <summary>The preset's settings with every given option applied.</summary>
    public StyleTransferSettings Resolve(ParseResult result) =>
        All.Aggregate(result.GetRequiredValue(_preset).Settings, (settings, option) => option.ApplyTo(settings, result));

    private static SettingOption<T> Bind<T>(
        SettingDescription description,
        Func<StyleTransferSettings, T, StyleTransferSettings> apply,
        Func<ArgumentResult, T>? parser = null,
        params string[] shortNames)
    {
        var option = new SettingOption<T>(description, apply, shortNames);
        option.Typed.CustomParser = parser ?? (typeof(T).IsEnum ? Choices.Parser<T>(option.Option.Name) : null);
        return option;
    }

    private static SettingOption<bool> Flag(SettingDescription description, Func<StyleTransferSettings, StyleTransferSettings> apply) =>
        Bind<bool>(description, (s, _) => apply(s));

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
