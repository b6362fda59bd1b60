using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;

namespace NeuralStyle.Cli.FastStyle;

/// <summary><c>neural-style apply MODEL INPUT... -o OUT|DIR</c>: stylise files with one model load, through <see cref="StylizePipeline"/>; defaults read from <see cref="StylizeOptions.Default"/>.</summary>
internal static class ApplyCommand
{
    public static Command Create(Func<OutputMode, IReporter> reporterFor)
    {
        var modelPath = FastStyleCommands.ModelArgument();
        var inputs = new Argument<string[]>("input") { Description = "The photos to stylise.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The result (.png, .jpg, .webp) for one input, or a folder for several.", Required = true };
        var stylize = new StylizeOptionSet();
        var threads = NativeRuntime.ThreadsOption();
        var overwrite = new Option<bool>("--overwrite", "-f") { Description = "Replace outputs that exist." };
        var limits = new ImageLimitOptions();
        var mode = new OutputModeOptions();
        var command = new Command("apply", "Stylise photos with a trained fast-style model (one model load for every file).")
        {
            modelPath, inputs, output, threads, overwrite,
        };
        stylize.AddTo(command);
        limits.AddTo(command);
        mode.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            IReporter reporter = reporterFor(mode.Read(result));
            string[] files = result.GetRequiredValue(inputs);
            string target = result.GetRequiredValue(output);
            bool replace = result.GetValue(overwrite);
            string source = result.GetRequiredValue(modelPath);
            IReadOnlyList<(string Input, string Output)> jobs = FastStyleCommands.Outputs(files, target);
            foreach ((string input, string path) in jobs)
            {
                OutputGuard.EnsureWritable(path, [.. files.Select(f => (f, "photo")), (source, "model file")], replace);
                ImageWriter.EnsureSupported(path);
                InputFile.EnsureExists(input, "photo");
            }

            StylizeOptions options = stylize.Read(result);
            var pipeline = new StylizePipeline(limits.Read(result));
            NativeRuntime.Prepare(result.GetValue(threads));
            using FastStyleModel model = BuiltInStyles.LoadModel(source);
            using FastStylizer stylizer = model.AsStylizer(options);
            foreach ((string input, string path) in jobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await pipeline.StylizeFileAsync(stylizer, input, path, replace, progress: null, cancellationToken).ConfigureAwait(false);
                reporter.Wrote(path, FormattableString.Invariant($"{input} in {clock.Elapsed.TotalMilliseconds:F0} ms"));
            }

            return (int)ExitCode.Success;
        });
        return command;
    }
}
