using System.CommandLine;
using NeuralStyle.Cli.Options;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.IO;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.FastStyle;

/// <summary><c>neural-style export MODEL -o MODEL.onnx</c>.</summary>
internal static class ExportCommand
{
    public static Command Create(Func<OutputMode, IReporter> reporterFor)
    {
        var modelPath = FastStyleCommands.ModelArgument();
        var output = new Option<string>("--output", "-o") { Description = "The ONNX file to write (dynamic batch, height and width; opset 13).", Required = true };
        var overwrite = new Option<bool>("--overwrite", "-f") { Description = "Replace OUTPUT if it exists." };
        var palette = SettingOption<StylizeOptions>.For(StylizeSettingBindings.PaletteShare);
        palette.Option.Description += " The graph recolours with it; 0 leaves the network's own colours.";
        var mode = new OutputModeOptions();
        var command = new Command("export", "Export a fast-style model to ONNX, to run with ONNX Runtime (no TorchSharp needed).") { modelPath, output, overwrite, palette.Option };
        mode.AddTo(command);
        command.SetAction(result =>
        {
            IReporter reporter = reporterFor(mode.Read(result));
            string target = result.GetRequiredValue(output);
            bool replace = result.GetValue(overwrite);
            string source = result.GetRequiredValue(modelPath);
            OutputGuard.EnsureWritable(target, [(source, "model file")], replace);
            using FastStyleModel model = BuiltInStyles.LoadModel(source);
            model.ExportOnnx(target, replace, palette.ApplyTo(StylizeOptions.Default, result).PaletteShare);
            reporter.Wrote(target, FormattableString.Invariant($"ONNX, {new FileInfo(target).Length / 1e6:F1} MB"));
            return (int)ExitCode.Success;
        });
        return command;
    }
}
