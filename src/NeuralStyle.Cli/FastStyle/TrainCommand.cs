using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features;
using NeuralStyle.IO;
using NeuralStyle.Styles;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// <c>neural-style train STYLE... --images DIR -o MODEL</c>: a fast style network from a folder of photos; the options not
/// given read <c>--recipe</c>'s settings (<see cref="FastStyleTrainingSettings.Default"/>, or the built-in styles' recipes).
/// </summary>
internal static class TrainCommand
{
    /// <summary>The folder of content photos.</summary>
    internal const string ImagesOption = "--images";

    /// <summary>The model a training starts from.</summary>
    internal const string FromOption = "--from";

    /// <summary>The checkpoint file.</summary>
    internal const string CheckpointOption = "--checkpoint";

    public static Command Create(Func<OutputMode, ITrainingReporter> reporterFor)
    {
        var styles = new Argument<string[]>("style") { Description = "The style image(s); several are blended (see --style-blend).", Arity = ArgumentArity.OneOrMore };
        var images = new Option<string>(ImagesOption, "-i") { Description = "The folder of content photos (every image file under it).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The model file to write (.safetensors).", Required = true };
        var settings = new TrainingOptionSet();
        Option size = settings[TrainingSettingBindings.CropSize];
        var resultSize = new Option<string?>("--size", "-s") { Hidden = true };
        var blend = StyleCommand.StyleBlendOption();
        var checkpoint = new Option<string?>(CheckpointOption) { Description = $"The checkpoint file. [default: OUTPUT.checkpoint.safetensors when {settings[TrainingSettingBindings.CheckpointEvery].Name} or --resume is given]" };
        var from = new Option<string?>(FromOption) { Description = "Start from a trained model (a built-in style's name or a model file) instead of random weights; its width and blocks are used. From a built-in style, --recipe is warm-start unless given." };
        var recipe = new Option<TrainingRecipe?>("--recipe")
        {
            Description = FormattableString.Invariant(
                $"What the options not given default to: default; built-in (how starry-night was trained, from scratch: {Shown(BuiltInRecipes.FromScratch)}); ")
                + FormattableString.Invariant(
                $"warm-start (a new style from a built-in one in minutes; how the-scream and shipwreck were trained, in float32: {Shown(BuiltInRecipes.WarmStart)}). [default: warm-start with {FromOption} a built-in style, else default]"),
            HelpName = Choices.HelpName(typeof(TrainingRecipe)),
            CustomParser = r => Choices.Parser<TrainingRecipe>("--recipe")(r),
        };
        // The defaults the descriptions show are the default recipe's: say that the others set their own.
        foreach (Option governed in RecipeGoverned.Select(g => settings[g.Binding]))
        {
            governed.Description += FormattableString.Invariant($" ({recipe.Name} built-in and warm-start set their own: see {recipe.Name}.)");
        }

        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint, exactly where it stopped (same settings)." };
        var network = new BackboneOptions();
        var threads = NativeRuntime.ThreadsOption();
        var overwrite = new Option<bool>("--overwrite", "-f") { Description = "Replace OUTPUT if it exists, and the checkpoint an earlier run left (without --resume, a run refuses to start over it)." };
        var limits = new ImageLimitOptions();
        var mode = new OutputModeOptions();
        var command = new Command("train", "Train a fast style network for a style on a folder of photos; it then stylises any image in one pass.")
        {
            styles, images, output,
        };
        // In the descriptions' order, with the blend weights among them and the checkpoint file beside its cadence.
        IEnumerable<Option> described = TrainingSettingDescriptions.All.SelectMany(d =>
            d == SettingDescriptions.StyleBlendWeight ? [blend]
            : d == TrainingSettingDescriptions.CheckpointEvery ? [settings[TrainingSettingBindings.CheckpointEvery], checkpoint]
            : new[] { settings[TrainingSettingBindings.All.Single(b => b.Description == d)] });
        foreach (Option option in described.Concat([resultSize, resume, from, recipe, threads, overwrite]).Concat(network.All))
        {
            command.Options.Add(option);
        }

        limits.AddTo(command);
        mode.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(resultSize) is not null)
            {
                result.AddError($"{resultSize.Name} is a result's size; the side of the training crops is {size.Name}.");
            }

            // Counted as given, not read: a weight that is no number is its parser's error, and reading it here would throw.
            int weights = result.GetResult(blend)?.Tokens.Count ?? 0;
            if (weights > 0 && TransferSettingBindings.PerStyleProblem(blend.Name, weights, result.GetValue(styles)?.Length ?? 0, "weight") is string problem)
            {
                result.AddError(problem);
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            ITrainingReporter reporter = reporterFor(mode.Read(result));
            string model = result.GetRequiredValue(output);
            bool replace = result.GetValue(overwrite);
            (string, string)[] readFiles = [.. result.GetRequiredValue(styles).Select(s => (s, "style image")), .. result.GetValue(from) is string fromFile ? [(fromFile, "starting model")] : Array.Empty<(string, string)>()];
            OutputGuard.EnsureWritable(model, readFiles, replace);
            if (result.GetValue(recipe) == TrainingRecipe.WarmStart && result.GetValue(from) is null)
            {
                throw new UsageException($"{recipe.Name} warm-start is a warm start's recipe: add {FromOption} with a built-in style's name or a model file, or use {recipe.Name} built-in to train from scratch.");
            }

            FastStyleTrainingSettings defaults = TrainingRecipes.Settings(result.GetValue(recipe), result.GetValue(from));
            NativeRuntime.Prepare(result.GetValue(threads));
            using FastStyleModel? initial = result.GetValue(from) is string start ? BuiltInStyles.LoadModel(start) : null;
            FastStyleTrainingSettings trainingSettings = settings.Read(result, defaults with { Architecture = initial?.Architecture ?? defaults.Architecture });
            bool resuming = result.GetValue(resume);
            string? checkpointPath = result.GetValue(checkpoint)
                ?? (trainingSettings.CheckpointEvery > 0 || resuming ? Path.ChangeExtension(model, null) + ".checkpoint.safetensors" : null);
            if (checkpointPath is not null)
            {
                // The library checks it against every input; only the command knows the model's path.
                OutputGuard.EnsureNotAnInput(checkpointPath, [(model, "model to write")]);
            }

            using IFeatureExtractor extractor = BackboneFactory.Create(
                result.GetValue(network.Backbone), result.GetValue(network.Weights), result.GetRequiredValue(network.Device),
                new Vgg19Options { Pooling = result.GetValue(network.Pooling) ?? new Vgg19Options().Pooling }, new WeightsCache());
            var builder = new FastStyleTrainerBuilder()
                .WithContentImages(result.GetRequiredValue(images))
                .WithExtractor(extractor)
                .WithSettings(trainingSettings)
                .WithImageLoadOptions(limits.Read(result));
            string[] styleFiles = result.GetRequiredValue(styles);
            double[]? weightsOfStyles = result.GetValue(blend) is { Length: > 0 } given ? given : null;
            for (int i = 0; i < styleFiles.Length; i++)
            {
                builder.WithStyle(styleFiles[i], weightsOfStyles?[i] ?? 1);
            }

            if (initial is not null)
            {
                builder.WithInitialModel(initial);
            }

            if (checkpointPath is not null)
            {
                builder.WithCheckpoint(checkpointPath, resuming, overwrite: replace);
            }

            FastStyleTrainer trainer = builder.Build();
            OutputGuard.EnsureNotAnInput(model, trainer.Photos.Select(photo => (photo, "training photo")));
            string what = FormattableString.Invariant(
                $"Training a {trainingSettings.Architecture} for {string.Join(", ", styleFiles)} on {trainer.Photos.Count} photos: {extractor.Name}, {trainingSettings.Size} px crops, batch {trainingSettings.BatchSize}, {trainingSettings.Steps} steps, {TrainingSettingDescriptions.PrecisionText(trainer.Precision)} style network");
            using FastStyleModel trained = await reporter.TrackTrainingAsync(what, progress => trainer.TrainAsync(progress, cancellationToken)).ConfigureAwait(false);
            trained.Save(model, replace);
            reporter.Wrote(model, FormattableString.Invariant($"fast-style model, {trained.Info.Steps} steps"));
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>The settings a recipe sets its own defaults for, each with its value in a recipe: shown in <c>--recipe</c>'s help and marked on their options.</summary>
    private static (SettingBinding<FastStyleTrainingSettings> Binding, Func<FastStyleTrainingSettings, string> Value)[] RecipeGoverned =>
    [
        (TrainingSettingBindings.Width, r => r.Architecture.WidthText),
        (TrainingSettingBindings.ResidualBlocks, r => SettingDescriptions.Text(r.Architecture.ResidualBlocks)),
        (TrainingSettingBindings.CropSize, r => SettingDescriptions.Text(r.Size)),
        (TrainingSettingBindings.Steps, r => SettingDescriptions.Text(r.Steps)),
        (TrainingSettingBindings.ContentWeight, r => SettingDescriptions.Text(r.Objective.ContentWeight)),
        (TrainingSettingBindings.TotalVariationWeight, r => SettingDescriptions.Text(r.Objective.TotalVariationWeight)),
        (TrainingSettingBindings.Seed, r => SettingDescriptions.Text(r.Seed)),
    ];

    /// <summary>A recipe's main settings as options (<c>--width 1 --blocks 1 --crop-size 128 ...</c>), for the help.</summary>
    private static string Shown(FastStyleTrainingSettings recipe) =>
        string.Join(' ', RecipeGoverned.Select(g => $"{DescribedOptions.NameOf(g.Binding.Description)} {g.Value(recipe)}"));
}
