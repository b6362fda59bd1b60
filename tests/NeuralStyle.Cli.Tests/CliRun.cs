using NeuralStyle.Cli;
using NeuralStyle.Cli.Reporting;

namespace NeuralStyle.Cli.Tests;

/// <summary>The outcome of running the command in-process.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await NeuralStyleApp.RunAsync(args, new CliConsole(output, error, Interactive: false), cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public ExitCode Code => (ExitCode)ExitCode;
}
