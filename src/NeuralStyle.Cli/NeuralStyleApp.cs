using System.CommandLine;
using NeuralStyle.Batch.Running;
using NeuralStyle.Cli.Batch;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.Cli.Options;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli;

/// <summary>
/// The <c>neural-style</c> command line: parsing (System.CommandLine), running, and turning every
/// failure into a one-line message and an <see cref="ExitCode"/>.
/// </summary>
internal static class NeuralStyleApp
{
    private const string UsageHint = "Run 'neural-style --help' for usage.";

    /// <summary>Runs the command with <paramref name="args"/>, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        OutputMode mode = OutputMode.Auto;
        IRunReporter ReporterFor(OutputMode chosen)
        {
            mode = chosen;
            return chosen == OutputMode.Json ? new JsonReporter(console) : new TextReporter(console, quiet: chosen == OutputMode.Quiet);
        }

        // On Unix .NET decodes the arguments as UTF-8 and turns bytes that are not into U+FFFD: such a path can be neither
        // opened nor written as given, so it is refused here rather than reported missing (or written under another name).
        if (args.FirstOrDefault(a => a.Contains('\uFFFD', StringComparison.Ordinal) && !Path.Exists(a)) is string garbled)
        {
            ReporterFor(args.Contains("--json") ? OutputMode.Json : OutputMode.Auto).Failed(
                ExitCode.InvalidInput,
                $"'{garbled}' is not valid UTF-8 (U+FFFD marks the bytes that are not): .NET can neither open nor write a file name that is not UTF-8; rename the file (e.g. convmv -f latin1 -t utf-8 --notest FILE).");
            return (int)ExitCode.InvalidInput;
        }

        var style = new StyleCommand();
        var root = new RootCommand(
            "Repaint a photo in the style of one or more paintings (Gatys et al.). Runs offline with the embedded pretrained ResNet18; "
            + "use --backbone vgg19 after `neural-style weights download vgg19`.");
        style.AddTo(root);
        SubcommandHelpAction.UseOn(root);
        root.Subcommands.Add(WeightsCommand.Create(ReporterFor));
        root.Subcommands.Add(BatchCommand.Create(ReporterFor));
        foreach (Command command in FastStyleCommands.Create(ReporterFor))
        {
            root.Subcommands.Add(command);
        }

        Numbers.UseOn(root);

        root.SetAction(async (result, token) =>
        {
            StyleJob job = style.Bind(result);
            var runner = new StyleRunner(ReporterFor(job.Mode), new WeightsCache());
            await runner.RunAsync(job, token).ConfigureAwait(false);
            return (int)ExitCode.Success;
        });

        ParseResult parsed = root.Parse(args);
        // Ctrl+C comes in through cancellationToken (ConsoleCancellation), so the command finishes its native work before the process ends.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                console.Error.WriteLine($"neural-style: {error.Message}");
            }

            console.Error.WriteLine(UsageHint);
            return (int)ExitCode.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ExitCode code = Classify(e);
            ReporterFor(mode).Failed(code, Describe(e, style));
            if (code == ExitCode.Usage)
            {
                console.Error.WriteLine(UsageHint);
            }

            return (int)code;
        }
    }

    /// <summary>The exit code for a failure.</summary>
    internal static ExitCode Classify(Exception exception) => exception switch
    {
        OperationCanceledException => ExitCode.Cancelled,
        StyleTransferConfigurationException configuration when configuration.Problems.Count > 0 && configuration.Problems.All(p => IsInput(p.Setting)) => ExitCode.InvalidInput,
        BatchValidationException => ExitCode.InvalidInput,
        StyleTransferConfigurationException or UsageException or OutputConflictException or NotSupportedException or InsufficientMemoryException => ExitCode.Usage,
        FileNotFoundException or DirectoryNotFoundException or InvalidDataException or InvalidImageException or ImageTooLargeException or InvalidWeightsException
            or UnauthorizedAccessException or IOException => ExitCode.InvalidInput,
        StyleTransferDivergedException => ExitCode.Diverged,
        WeightsDownloadException => ExitCode.DownloadFailed,
        _ => ExitCode.UnexpectedError,
    };

    private static readonly Setting[] InputSettings = [Setting.ContentImage, Setting.StyleImage, Setting.StyleMask, TrainingSetting.Images];

    /// <summary>Problems with the input files (a missing or unreadable image) rather than with the settings.</summary>
    private static bool IsInput(Setting setting) => InputSettings.Contains(setting);

    private static string Describe(Exception exception, StyleCommand style) => exception switch
    {
        TrainingCancelledException training => DescribedOptions.Annotate(training.Message) + (training.CheckpointStep is null ? string.Empty : " To continue, run the same command with --resume."),
        OperationCanceledException => "cancelled; the file in progress was not written (files finished before the cancel are kept).",
        StyleTransferConfigurationException configuration => string.Join(Environment.NewLine, configuration.Problems.Select(p => Describe(p, style))),
        BatchValidationException batch => $"{batch.Problems.Count} bad job(s) in the manifest, nothing was run:" + string.Concat(batch.Problems.Select(p => Environment.NewLine + Describe(p, style))),
        _ when Classify(exception) == ExitCode.UnexpectedError => $"unexpected {exception.GetType().Name}: {exception.Message} (please report this with the command you ran)",
        _ => FailureText.Of(exception),
    };

    /// <summary>A manifest problem with its line, in the command's terms.</summary>
    private static string Describe(BatchProblem problem, StyleCommand style) =>
        $"  {(problem.Setting is Setting setting && style.OptionFor(setting) is string option ? problem with { Message = $"{option}: {problem.Message}" } : problem)}";

    /// <summary>A library problem in the command's terms: the option that set it, what is wrong and how to fix it.</summary>
    private static string Describe(ConfigurationProblem problem, StyleCommand style)
    {
        string text = problem.ToString(v => $"{DescribedOptions.NameOf(v.Description)} {v.Value}", " ");
        return style.OptionFor(problem.Setting) is string option ? $"{option}: {text}" : text;
    }
}
