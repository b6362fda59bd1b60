namespace NeuralStyle.Cli;

/// <summary>How a run reports itself.</summary>
internal enum OutputMode
{
    /// <summary>A live progress bar on an interactive terminal, plain lines otherwise.</summary>
    Auto,

    /// <summary>Errors only.</summary>
    Quiet,

    /// <summary>One JSON object per line on standard output (start, progress, snapshot, done, error).</summary>
    Json,
}
