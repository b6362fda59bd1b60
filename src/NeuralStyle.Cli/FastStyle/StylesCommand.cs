using System.CommandLine;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.FastStyle;

/// <summary><c>neural-style styles</c>: the built-in styles, each usable wherever a model file goes.</summary>
internal static class StylesCommand
{
    public static Command Create(Func<OutputMode, IStyleListReporter> reporterFor)
    {
        var mode = new OutputModeOptions();
        var command = new Command("styles", "List the built-in styles (name, painting, how it was trained); use a name wherever a model file goes: neural-style apply starry-night photo.jpg -o out.png.");
        mode.AddTo(command);
        command.SetAction(result =>
        {
            IStyleListReporter reporter = reporterFor(mode.Read(result));
            foreach (BuiltInStyleInfo style in BuiltInStyles.All)
            {
                reporter.StyleListed(style);
            }

            return (int)ExitCode.Success;
        });
        return command;
    }
}
