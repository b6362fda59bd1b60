using System.Globalization;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;

namespace NeuralStyle.Cli;

/// <summary>Writes numbered snapshots next to the output: <c>styled.png</c> → <c>styled.0100.png</c>.</summary>
internal sealed class SnapshotWriter
{
    private readonly string _output;
    private readonly bool _overwrite;
    private readonly ITransferReporter _reporter;

    public SnapshotWriter(string output, bool overwrite, ITransferReporter reporter)
    {
        _output = output;
        _overwrite = overwrite;
        _reporter = reporter;
    }

    /// <summary>The snapshot path of <paramref name="evaluation"/>.</summary>
    public static string PathFor(string output, int evaluation)
    {
        string directory = Path.GetDirectoryName(output) ?? string.Empty;
        string name = $"{Path.GetFileNameWithoutExtension(output)}.{evaluation.ToString("D4", CultureInfo.InvariantCulture)}{Path.GetExtension(output)}";
        return Path.Combine(directory, name);
    }

    public void Write(StyleSnapshot snapshot)
    {
        string path = PathFor(_output, snapshot.Evaluation);
        ImageWriter.Save(snapshot.Image, path, _overwrite);
        _reporter.SnapshotWritten(snapshot.Evaluation, path);
    }
}
