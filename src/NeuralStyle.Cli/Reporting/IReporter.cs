namespace NeuralStyle.Cli.Reporting;

/// <summary>What every command reports, in one of the <see cref="OutputMode"/>s: files written and failure.</summary>
internal interface IReporter
{
    /// <summary>A file other than a transfer's result was written (a model, an export, a stylised image).</summary>
    void Wrote(string path, string what);

    /// <summary>The command failed.</summary>
    void Failed(ExitCode code, string message);
}
