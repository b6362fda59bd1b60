namespace NeuralStyle.Cli;

/// <summary>The command's exit codes.</summary>
internal enum ExitCode
{
    /// <summary>The image (or download) was written.</summary>
    Success = 0,

    /// <summary>An unexpected error (a bug: please report it with the message).</summary>
    UnexpectedError = 1,

    /// <summary>Bad command line or settings: unknown option, bad value, unknown layer.</summary>
    Usage = 2,

    /// <summary>An input could not be used: missing, unreadable or too large image; missing or invalid weights.</summary>
    InvalidInput = 3,

    /// <summary>The optimisation diverged (NaN or infinite loss): lower the learning rate or use L-BFGS.</summary>
    Diverged = 4,

    /// <summary>A download failed (network, server, interrupted or corrupt).</summary>
    DownloadFailed = 5,

    /// <summary>A batch ran, but some of its jobs failed (each is recorded beside its output, with its error).</summary>
    JobsFailed = 6,

    /// <summary>Cancelled (Ctrl+C); nothing partial was written.</summary>
    Cancelled = 130,
}
