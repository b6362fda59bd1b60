using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Features;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Collects what a fast-style training run needs (content photos, style images, the loss network,
/// settings, checkpointing) and validates it all once, in <see cref="Build"/>.
/// </summary>
public sealed class FastStyleTrainerBuilder
{
    private readonly List<StyleInput> _styles = [];
    private string? _images;
    private IFeatureExtractor? _extractor;
    private FastStyleTrainingSettings _settings = FastStyleTrainingSettings.Default;
    private ImageLoadOptions _loadOptions = ImageLoadOptions.Default;
    private string? _checkpoint;
    private bool _resume;
    private bool _overwriteCheckpoint;
    private string? _styleName;
    private FastStyleModel? _initial;
    private ILogger _logger = NullLogger.Instance;

    /// <summary>The folder of content photos (every image file under it, subfolders included).</summary>
    public FastStyleTrainerBuilder WithContentImages(string directory)
    {
        _images = directory;
        return this;
    }

    /// <summary>Adds a style image file; several are blended by <paramref name="weight"/> (a weighted mean of their statistics).</summary>
    public FastStyleTrainerBuilder WithStyle(string path, double weight = 1) => WithStyle(StyleInput.FromFile(path, weight));

    /// <summary>Adds a style image (a file, a stream, an image in memory) with its blend weight; a fast style has no region masks.</summary>
    public FastStyleTrainerBuilder WithStyle(StyleInput style)
    {
        _styles.Add(style);
        return this;
    }

    /// <summary>The style's name in the model file (default: the first style image's file name without extension).</summary>
    public FastStyleTrainerBuilder WithStyleName(string name)
    {
        _styleName = name;
        return this;
    }

    /// <summary>
    /// The frozen loss network (the caller keeps ownership): <c>ResNet18FeatureExtractor.Load()</c>
    /// (NeuralStyle.ResNet18, embedded, offline; <c>neural-style train</c>'s default) or VGG19.
    /// </summary>
    public FastStyleTrainerBuilder WithExtractor(IFeatureExtractor extractor)
    {
        _extractor = extractor;
        return this;
    }

    /// <summary>The training settings (default <see cref="FastStyleTrainingSettings.Default"/>).</summary>
    public FastStyleTrainerBuilder WithSettings(FastStyleTrainingSettings settings)
    {
        _settings = settings;
        return this;
    }

    /// <summary>Limits for decoding the photos and style images (default <see cref="ImageLoadOptions.Default"/>).</summary>
    public FastStyleTrainerBuilder WithImageLoadOptions(ImageLoadOptions options)
    {
        _loadOptions = options;
        return this;
    }

    /// <summary>
    /// The checkpoint file, written atomically every <see cref="FastStyleTrainingSettings.CheckpointEvery"/>
    /// steps; with <paramref name="resume"/>, a checkpoint already there is continued from (same
    /// settings required), exactly as if the run had not stopped. A checkpoint already there that is
    /// not resumed is replaced only with <paramref name="overwrite"/>: without it <see cref="Build"/>
    /// refuses, so a restarted run never silently replaces hours of training. It is never one of the
    /// run's inputs (a photo, a style image, the initial model's file).
    /// </summary>
    public FastStyleTrainerBuilder WithCheckpoint(string path, bool resume = false, bool overwrite = false)
    {
        _checkpoint = path;
        _resume = resume;
        _overwriteCheckpoint = overwrite;
        return this;
    }

    /// <summary>
    /// Starts from a trained model's weights instead of random ones (a warm start: a new style
    /// learnt from a built-in one takes far fewer steps). Its architecture must be the settings'.
    /// The caller keeps ownership; the weights are copied when training starts. A checkpoint
    /// being resumed takes precedence.
    /// </summary>
    public FastStyleTrainerBuilder WithInitialModel(FastStyleModel model)
    {
        _initial = model;
        return this;
    }

    /// <summary>Where diagnostics go (default: nowhere).</summary>
    public FastStyleTrainerBuilder WithLogger(ILogger logger)
    {
        _logger = logger;
        return this;
    }

    /// <summary>Validates everything and returns the trainer.</summary>
    /// <exception cref="StyleTransferConfigurationException">Something is missing or invalid; every problem is listed.</exception>
    public FastStyleTrainer Build()
    {
        NeuralStyle.Runtime.Nnpack.Disable();
        var problems = new ProblemList();
        if (_settings is null)
        {
            problems.Add(Setting.Settings, "The settings are null.", "Pass FastStyleTrainingSettings.Default or leave WithSettings out.");
            problems.ThrowIfAny();
        }

        _settings!.Validate(problems, !string.IsNullOrWhiteSpace(_checkpoint));
        ImageLoader? loader = Loader(problems);
        IReadOnlyList<string> photos = Photos(problems, loader);
        problems.Require(_styles.Count > 0, Setting.StyleImage, "No style image is given.", "Add one with WithStyle(path).");
        foreach (StyleInput style in _styles)
        {
            style.Validate(problems);
            problems.Require(
                style.Mask is null,
                Setting.StyleMask,
                $"The style {style.Source?.Description} has a mask, but a fast style network paints the whole photo.",
                "Train without a mask; masks are for transfers (StyleTransferBuilder).");
        }

        if (_initial is not null)
        {
            FastStyleArchitecture wanted = _settings.Architecture, given = _initial.Architecture;
            problems.Require(
                given == wanted,
                TrainingSetting.InitialModel,
                $"The initial model '{_initial.Info.StyleName}' is a {given}; the settings ask for a {wanted}.",
                "Train with the initial model's architecture (Architecture = model.Architecture), or start from scratch.",
                new SettingValue(TrainingSettingDescriptions.Width, given.WidthText),
                new SettingValue(TrainingSettingDescriptions.ResidualBlocks, SettingDescriptions.Text(given.ResidualBlocks)));
        }

        problems.Require(!_resume || !string.IsNullOrWhiteSpace(_checkpoint), TrainingSetting.CheckpointFile, "Resume is asked for but no checkpoint path is given.", "Pass the checkpoint path to WithCheckpoint.");
        CheckCheckpoint(problems, photos);
        ResolvedObjective? objective = null;
        if (_extractor is null)
        {
            problems.Add(Setting.FeatureExtractor, "No loss network is given.", "Pass one to WithExtractor, e.g. ResNet18FeatureExtractor.Load() from NeuralStyle.ResNet18 (embedded, offline).");
        }
        else
        {
            objective = ResolvedObjective.Resolve(_extractor, _settings.Objective, problems);
            if (objective.Layers.Count > 0)
            {
                int minimum = _extractor.MinimumInputSide(objective.Deepest);
                problems.Require(
                    Math.Min(_settings.Size, _settings.StyleSizeInForce) >= minimum,
                    TrainingSetting.Size,
                    $"{_extractor.Name} needs images of at least {minimum} px to compute its layer {objective.Deepest.Name}.",
                    $"Train at {minimum} px or more.");
            }
        }

        problems.ThrowIfAny();
        string styleName = _styleName ?? (_styles[0].Source.FilePath is string first ? Path.GetFileNameWithoutExtension(first) : "style");
        return new FastStyleTrainer(
            _settings, photos, [.. _styles], styleName, _extractor!, objective!, loader!, _checkpoint, _resume, _initial, Precision(), _logger);
    }

    /// <summary>Where the checkpoint goes: never over an input, and over an earlier run's checkpoint only when resuming it or allowed to.</summary>
    private void CheckCheckpoint(ProblemList problems, IReadOnlyList<string> photos)
    {
        if (string.IsNullOrWhiteSpace(_checkpoint))
        {
            return;
        }

        IEnumerable<(string, string)> inputs = [
            .. photos.Select(p => (p, "training photo")),
            .. _styles.SelectMany(s => s.Files),
            .. _initial?.SourcePath is string model ? [(model, "initial model")] : Array.Empty<(string, string)>()];
        try
        {
            OutputGuard.EnsureNotAnInput(_checkpoint, inputs);
        }
        catch (OutputConflictException conflict)
        {
            problems.Add(TrainingSetting.CheckpointFile, conflict.Message, "Give the checkpoint a path of its own.");
            return;
        }

        problems.Require(
            _resume || _overwriteCheckpoint || !File.Exists(_checkpoint),
            TrainingSetting.CheckpointFile,
            $"The checkpoint '{_checkpoint}' already exists, and a run that starts over would replace it.",
            "Resume from it to continue that run (resume), allow it to be replaced (overwrite), or give another checkpoint path.");
    }

    /// <summary>
    /// The precision in force: <see cref="FastStyleTrainingSettings.PrecisionOn"/>, except that
    /// <see cref="TrainingPrecision.Auto"/> resuming a checkpoint takes the checkpoint's (written on
    /// another CPU, or capped with ONEDNN_MAX_CPU_ISA to diagnose a kernel, it still resumes).
    /// </summary>
    private TrainingPrecision Precision() =>
        _settings.Precision == TrainingPrecision.Auto && _resume && File.Exists(_checkpoint) && TrainingCheckpoint.PrecisionOf(_checkpoint) is TrainingPrecision written
            ? written
            : _settings.PrecisionOn(_extractor!.Device);

    /// <summary>The loader of the decoding limits, or null when they are missing or invalid (recorded in <paramref name="problems"/>).</summary>
    private ImageLoader? Loader(ProblemList problems)
    {
        if (_loadOptions is null)
        {
            problems.Add(Setting.ImageLoadOptions, "The image load options are null.", "Pass ImageLoadOptions.Default or your own limits.");
            return null;
        }

        int before = problems.Items.Count;
        _loadOptions.Validate(problems);
        return problems.Items.Count == before ? new ImageLoader(_loadOptions) : null;
    }

    private List<string> Photos(ProblemList problems, ImageLoader? headers)
    {
        if (string.IsNullOrWhiteSpace(_images) || !Directory.Exists(_images))
        {
            string what = File.Exists(_images) ? "is a file, not a folder" : "does not exist";
            problems.Add(TrainingSetting.Images, $"The folder of content photos '{_images}' {what}.", "Give a folder of photos with WithContentImages.");
            return [];
        }

        var photos = ContentFolder.List(_images).ToList();
        problems.Require(
            photos.Count > 0,
            TrainingSetting.Images,
            $"The folder '{_images}' holds no image file ({string.Join(", ", ContentFolder.Extensions)}).",
            "Put photos in it; for good results, thousands (COCO 2014's 80k images is the usual choice).");
        string[] tiny = headers is null ? [] : [.. photos.Where(p => IsTooSmall(p, headers))];
        problems.Require(
            tiny.Length == 0,
            TrainingSetting.Images,
            $"{tiny.Length} photo(s) in '{_images}' are smaller than {Model.FastStyleModel.MinimumSide} px a side, the least a fast style network takes: {string.Join(", ", tiny.Take(3).Select(Path.GetFileName))}{(tiny.Length > 3 ? ", ..." : string.Empty)}.",
            "Remove them, or enlarge them first.");
        return photos;
    }

    /// <summary>
    /// Whether a photo's header, read under the decoding limits, declares a side under the network's minimum
    /// (a file that cannot be identified is left to the loader's clearer error when it is used).
    /// </summary>
    private static bool IsTooSmall(string path, ImageLoader headers)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            SixLabors.ImageSharp.IImageInfo? info = headers.Identify(file, out _);
            return info is not null && Math.Min(info.Width, info.Height) < Model.FastStyleModel.MinimumSide;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
