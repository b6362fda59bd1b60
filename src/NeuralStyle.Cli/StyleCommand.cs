using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Transfer;

namespace NeuralStyle.Cli;

/// <summary>
/// <c>neural-style CONTENT STYLE [STYLE...] -o OUT</c>: the files, the backbone and the run's own
/// options, plus every library setting through <see cref="TransferOptions"/>; binds a parse to a <see cref="StyleJob"/>.
/// </summary>
internal sealed class StyleCommand
{
    private readonly Argument<string> _content = new("content") { Description = "The photo to repaint." };
    private readonly Argument<string[]> _styles = new("style") { Description = "One or more style images (paintings).", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _output = new("--output", "-o") { Description = "Where to write the result (.png, .jpg or .webp); never one of the inputs.", Required = true };
    private readonly Option<double[]?> _blend = StyleBlendOption();
    private readonly Option<string[]?> _styleMasks = PerStyle<string[]?>(SettingDescriptions.StyleMask);
    private readonly Option<int?> _threads = NativeRuntime.ThreadsOption();
    private readonly Option<int> _saveEvery = DescribedOptions.Create<int>(SettingDescriptions.SnapshotEvery);
    private readonly Option<bool> _overwrite = new("--overwrite", "-f") { Description = "Replace OUTPUT (and snapshots) if they exist." };
    private readonly OutputModeOptions _mode = new();
    private readonly BackboneOptions _network = new();
    private readonly ImageLimitOptions _imageLimits = new();

    public StyleCommand()
    {
        RefuseEmpty(_output, "the path of the result (.png, .jpg or .webp)");
        RefuseEmpty(_network.Weights, "the path of a weights file, or leave --weights out for the default");
    }

    /// <summary>The blend weights of the style images, one per image (the style blend's description).</summary>
    internal static Option<double[]?> StyleBlendOption() => PerStyle<double[]?>(SettingDescriptions.StyleBlendWeight);

    /// <summary>An option that takes one value per style image, in order.</summary>
    private static Option<T> PerStyle<T>(SettingDescription description)
    {
        Option<T> option = DescribedOptions.Create<T>(description);
        option.AllowMultipleArgumentsPerToken = true;
        return option;
    }

    /// <summary>An empty path is a command-line mistake, refused while parsing.</summary>
    internal static void RefuseEmpty(Option option, string what) =>
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
            {
                r.AddError($"{option.Name} is empty: give {what}.");
            }
        });

    /// <summary>The options bound to library settings.</summary>
    public TransferOptions Transfer { get; } = new();

    /// <summary>Adds the arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_content);
        command.Arguments.Add(_styles);
        foreach (Option option in new Option[] { _output, _network.Backbone, _network.Weights, _blend, _styleMasks, _network.Pooling, _threads, _saveEvery, _network.Device, _overwrite })
        {
            command.Options.Add(option);
        }

        Transfer.AddTo(command);
        _imageLimits.AddTo(command);
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

            // Counted as given, not read: a weight that is no number is its parser's error, and reading it here would throw.
            int weights = result.GetResult(_blend)?.Tokens.Count ?? 0;
            int masks = result.GetValue(_styleMasks)?.Length ?? 0;
            foreach (string? problem in new[]
            {
                weights > 0 ? TransferSettingBindings.PerStyleProblem(_blend.Name, weights, styles.Length, "weight") : null,
                masks > 0 ? TransferSettingBindings.PerStyleProblem(_styleMasks.Name, masks, styles.Length, "mask") : null,
            })
            {
                if (problem is not null)
                {
                    result.AddError(problem);
                }
            }
        });
    }

    /// <summary>The job a successful parse describes.</summary>
    public StyleJob Bind(ParseResult result)
    {
        string[] styles = result.GetRequiredValue(_styles);
        double[]? blend = result.GetValue(_blend) is { Length: > 0 } weights ? weights : null;
        string[]? masks = result.GetValue(_styleMasks) is { Length: > 0 } files ? files : null;
        return new StyleJob
        {
            Content = result.GetRequiredValue(_content),
            Styles = styles.Select((path, i) => StyleInput.FromFile(path, blend?[i] ?? 1, masks?[i])).ToArray(),
            Output = result.GetRequiredValue(_output),
            Overwrite = result.GetValue(_overwrite),
            Settings = Transfer.Resolve(result),
            Backbone = result.GetValue(_network.Backbone),
            Weights = result.GetValue(_network.Weights),
            Pooling = result.GetValue(_network.Pooling),
            Device = result.GetRequiredValue(_network.Device),
            Threads = result.GetValue(_threads),
            SaveEvery = result.GetValue(_saveEvery),
            ImageLimits = _imageLimits.Read(result),
            Mode = _mode.Read(result),
        };
    }

    /// <summary>The command-line name of <paramref name="setting"/>, for messages about it: an input, a run option, or the option its description makes.</summary>
    public string? OptionFor(Setting setting) =>
        setting == Setting.FeatureExtractor ? _network.Backbone.Name
        : setting == Setting.ContentImage ? "CONTENT"
        : setting == Setting.StyleImage ? "STYLE"
        : setting == TrainingSetting.Images ? FastStyle.TrainCommand.ImagesOption
        : setting == TrainingSetting.InitialModel ? FastStyle.TrainCommand.FromOption
        : setting == TrainingSetting.CheckpointFile ? FastStyle.TrainCommand.CheckpointOption
        : DescribedOptions.NameOf(setting);
}
