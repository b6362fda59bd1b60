namespace NeuralStyle.Cli.Reporting;

/// <summary>
/// An output mode's reporter (<see cref="TextReporter"/>, <see cref="JsonReporter"/>): every
/// command's role in one, each command holding only its own role's interface.
/// </summary>
internal interface IRunReporter : ITransferReporter, ITrainingReporter, IBatchReporter, IDownloadReporter, IStyleListReporter
{
}
