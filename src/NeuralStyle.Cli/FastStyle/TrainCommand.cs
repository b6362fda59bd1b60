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
        var size = DescribedOptions.Create<int?>(TrainingSettingDescriptions.CropSize);
        var resultSize = new Option<string?>("--size", "-s") { Hidden = true };
        var styleSize = DescribedOptions.Create<int?>(TrainingSettingDescriptions.StyleSize);
        var steps = DescribedOptions.Create<int?>(TrainingSettingDescriptions.Steps);
        var batch = DescribedOptions.Create<int?>(TrainingSettingDescriptions.BatchSize);
        var width = DescribedOptions.Create<NetworkWidth?>(TrainingSettingDescriptions.Width);
        width.HelpName = "1|0.5|0.25";
        width.CustomParser = r => FastStyleArchitecture.ParseWidth(r.Tokens.Single().Value) ?? FastStyleCommands.Refuse<NetworkWidth?>(r, width.Name, TrainingSettingDescriptions.Width.Valid);
        var blocks = DescribedOptions.Create<int?>(TrainingSettingDescriptions.ResidualBlocks);
        var learningRate = DescribedOptions.Create<double?>(TrainingSettingDescriptions.LearningRate);
        var contentWeight = DescribedOptions.Create<double?>(TrainingSettingDescriptions.ContentWeight);
        var styleWeight = DescribedOptions.Create<double?>(TrainingSettingDescriptions.StyleWeight);
        var contentLayer = DescribedOptions.Create<string?>(TrainingSettingDescriptions.ContentLayer);
        var tvWeight = DescribedOptions.Create<double?>(TrainingSettingDescriptions.TotalVariationWeight);
        var seed = DescribedOptions.Create<long?>(TrainingSettingDescriptions.Seed);
        var blend = StyleCommand.StyleBlendOption();
        var checkpointEvery = DescribedOptions.Create<int?>(TrainingSettingDescriptions.CheckpointEvery);
        var precision = DescribedOptions.Create<TrainingPrecision?>(TrainingSettingDescriptions.Precision);
        precision.HelpName = string.Join('|', Enum.GetValues<TrainingPrecision>().Select(TrainingSettingDescriptions.PrecisionText));
        precision.CustomParser = r => Choices.Parser<TrainingPrecision>(precision.Name, TrainingSettingDescriptions.PrecisionText)(r);
        var checkpoint = new Option<string?>(CheckpointOption) { Description = $"The checkpoint file. [default: OUTPUT.checkpoint.safetensors when {checkpointEvery.Name} or --resume is given]" };
        var from = new Option<string?>(FromOption) { Description = "Start from a trained model (a built-in style's name or a model file) instead of random weights; its width and blocks are used. From a built-in style, --recipe is warm-start unless given." };
        var recipe = new Option<TrainingRecipe?>("--recipe")
        {
            Description = FormattableString.Invariant(
                $"What the options not given default to: default; built-in (how starry-night was trained, from scratch: {Shown(BuiltInRecipes.FromScratch, width, blocks, size, steps, contentWeight, tvWeight, seed)}); ")
                + FormattableString.Invariant(
                $"warm-start (a new style from a built-in one in minutes; how the-scream and shipwreck were trained, in float32: {Shown(BuiltInRecipes.WarmStart, width, blocks, size, steps, contentWeight, tvWeight, seed)}). [default: warm-start with {FromOption} a built-in style, else default]"),
            HelpName = Choices.HelpName(typeof(TrainingRecipe)),
            CustomParser = r => Choices.Parser<TrainingRecipe>("--recipe")(r),
        };
        // The defaults the descriptions show are the default recipe's: say that the others set their own.
        foreach (Option governed in new Option[] { width, blocks, size, steps, contentWeight, tvWeight, seed })
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
            styles, images, output, size, resultSize, styleSize, steps, batch, width, blocks, learningRate, contentWeight, contentLayer, styleWeight, tvWeight, seed, blend,
            checkpoint, checkpointEvery, resume, from, recipe, precision, threads, overwrite,
        };
        foreach (Option option in network.All)
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
            ObjectiveSettings objective = defaults.Objective;
            objective = objective with
            {
                ContentWeight = result.GetValue(contentWeight) ?? objective.ContentWeight,
                StyleWeight = result.GetValue(styleWeight) ?? objective.StyleWeight,
                TotalVariationWeight = result.GetValue(tvWeight) ?? objective.TotalVariationWeight,
                ContentLayers = result.GetValue(contentLayer) is string layer ? [new LayerChoice(layer)] : objective.ContentLayers,
            };
            NativeRuntime.Prepare(result.GetValue(threads));
            using FastStyleModel? initial = result.GetValue(from) is string start ? BuiltInStyles.LoadModel(start) : null;
            FastStyleArchitecture architecture = initial?.Architecture ?? defaults.Architecture;
            var settings = defaults with
            {
                Architecture = architecture with
                {
                    Width = result.GetValue(width) ?? architecture.Width,
                    ResidualBlocks = result.GetValue(blocks) ?? architecture.ResidualBlocks,
                },
                Size = result.GetValue(size) ?? defaults.Size,
                StyleSize = result.GetValue(styleSize) ?? defaults.StyleSize,
                Steps = result.GetValue(steps) ?? defaults.Steps,
                BatchSize = result.GetValue(batch) ?? defaults.BatchSize,
                LearningRate = result.GetValue(learningRate) ?? defaults.LearningRate,
                Seed = result.GetValue(seed) ?? defaults.Seed,
                CheckpointEvery = result.GetValue(checkpointEvery) ?? defaults.CheckpointEvery,
                Precision = result.GetValue(precision) ?? defaults.Precision,
                Objective = objective,
            };
            bool resuming = result.GetValue(resume);
            string? checkpointPath = result.GetValue(checkpoint)
                ?? (settings.CheckpointEvery > 0 || resuming ? Path.ChangeExtension(model, null) + ".checkpoint.safetensors" : null);
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
                .WithSettings(settings)
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
                $"Training a {settings.Architecture} for {string.Join(", ", styleFiles)} on {trainer.Photos.Count} photos: {extractor.Name}, {settings.Size} px crops, batch {settings.BatchSize}, {settings.Steps} steps, {TrainingSettingDescriptions.PrecisionText(trainer.Precision)} style network");
            using FastStyleModel trained = await reporter.TrackTrainingAsync(what, progress => trainer.TrainAsync(progress, cancellationToken)).ConfigureAwait(false);
            trained.Save(model, replace);
            reporter.Wrote(model, FormattableString.Invariant($"fast-style model, {trained.Info.Steps} steps"));
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>A recipe's main settings as options (<c>--width 1 --blocks 1 --crop-size 128 ...</c>), for the help.</summary>
    private static string Shown(FastStyleTrainingSettings recipe, Option width, Option blocks, Option size, Option steps, Option contentWeight, Option tvWeight, Option seed) =>
        FormattableString.Invariant(
            $"{width.Name} {recipe.Architecture.WidthText} {blocks.Name} {recipe.Architecture.ResidualBlocks} {size.Name} {recipe.Size} {steps.Name} {recipe.Steps} ")
        + FormattableString.Invariant($"{contentWeight.Name} {recipe.Objective.ContentWeight} {tvWeight.Name} {recipe.Objective.TotalVariationWeight} {seed.Name} {recipe.Seed}");
}
