using System.CommandLine;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;

namespace NeuralStyle.Cli.FastStyle;

/// <summary><c>neural-style apply MODEL INPUT... -o OUT|DIR</c>: stylise files with one model load; defaults read from <see cref="StylizeOptions.Default"/>.</summary>
internal static class ApplyCommand
{
    public static Command Create(Func<OutputMode, IRunReporter> reporterFor)
    {
        var modelPath = new Argument<string>("model") { Description = "The fast-style model (.safetensors) from `neural-style train`." };
        var inputs = new Argument<string[]>("input") { Description = "The photos to stylise.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The result (.png, .jpg, .webp) for one input, or a folder for several.", Required = true };
        var strength = new Option<double?>("--strength") { Description = FormattableString.Invariant($"Blend of the output over the photo, 0 to 1. [default: {StylizeOptions.Default.Strength}]") };
        var keepColors = new Option<bool>("--preserve-colors") { Description = "Keep the photo's colours (the output's luminance only)." };
        var tileSize = new Option<int?>("--tile-size") { Description = $"Images with a side above this run in overlapping tiles. [default: {StylizeOptions.Default.TileSize}]" };
        var threads = NativeRuntime.ThreadsOption();
        var overwrite = new Option<bool>("--overwrite", "-f") { Description = "Replace outputs that exist." };
        var mode = new OutputModeOptions();
        var command = new Command("apply", "Stylise photos with a trained fast-style model (one model load for every file).")
        {
            modelPath, inputs, output, strength, keepColors, tileSize, threads, overwrite,
        };
        mode.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            IRunReporter reporter = reporterFor(mode.Read(result));
            string[] files = result.GetRequiredValue(inputs);
            string target = result.GetRequiredValue(output);
            bool replace = result.GetValue(overwrite);
            IReadOnlyList<(string Input, string Output)> jobs = FastStyleCommands.Outputs(files, target);
            foreach ((string input, string path) in jobs)
            {
                ImageWriter.EnsureSupported(path);
                InputGuard.EnsureOutputIsNoInput(path, files);
                InputGuard.RefuseExisting(path, replace);
                if (!File.Exists(input))
                {
                    throw new FileNotFoundException($"The photo '{input}' does not exist.", input);
                }
            }

            var options = StylizeOptions.Default with
            {
                Strength = result.GetValue(strength) ?? StylizeOptions.Default.Strength,
                ColorPreservation = result.GetValue(keepColors) ? ColorPreservation.LuminanceOnly : StylizeOptions.Default.ColorPreservation,
                TileSize = result.GetValue(tileSize) ?? StylizeOptions.Default.TileSize,
            };
            NativeRuntime.Prepare(result.GetValue(threads));
            using FastStyleModel model = FastStyleModel.Load(result.GetRequiredValue(modelPath));
            await Task.Run(
                () =>
                {
                    foreach ((string input, string path) in jobs)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        model.StylizeFile(input, path, options, replace, cancellationToken);
                        reporter.Wrote(path, FormattableString.Invariant($"{input} in {clock.Elapsed.TotalMilliseconds:F0} ms"));
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
