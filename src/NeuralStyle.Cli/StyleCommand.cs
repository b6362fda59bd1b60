using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;

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
            _optimizer, _learningRate, _init, _preserveColors, _seed, _threads, _saveEvery, _device, _overwrite,
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
        Threads = result.GetValue(_threads),
        SaveEvery = result.GetValue(_saveEvery),
        Device = result.GetValue(_device) ?? "cpu",
        Overwrite = result.GetValue(_overwrite),
        Mode = _mode.Read(result),
    };

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

    private static StylePreset ParsePreset(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "default" : result.Tokens[0].Value;
        switch (text.ToLowerInvariant())
        {
            case "default":
                return StylePreset.Default;
            case "keras":
            case "keras-example":
            case "kerasexample":
                return StylePreset.KerasExample;
            default:
                result.AddError($"Unknown preset '{text}': use default or keras.");
                return StylePreset.Default;
        }
    }
}
