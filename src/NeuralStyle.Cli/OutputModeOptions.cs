using System.CommandLine;
using System.CommandLine.Parsing;

namespace NeuralStyle.Cli;

/// <summary>The <c>--quiet</c> and <c>--json</c> options every command shares, and the <see cref="OutputMode"/> they select.</summary>
internal sealed class OutputModeOptions
{
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print nothing but errors." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per line (start, progress, snapshot, done, training, wrote, error)." };

    /// <summary>Adds both options to <paramref name="command"/> and refuses them together.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_quiet);
        command.Options.Add(_json);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_quiet) && result.GetValue(_json))
            {
                result.AddError("--quiet and --json cannot be combined.");
            }
        });
    }

    /// <summary>The mode a successful parse asked for.</summary>
    public OutputMode Read(ParseResult result) =>
        result.GetValue(_json) ? OutputMode.Json : result.GetValue(_quiet) ? OutputMode.Quiet : OutputMode.Auto;
}
