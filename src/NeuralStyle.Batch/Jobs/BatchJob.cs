namespace NeuralStyle.Batch.Jobs;

/// <summary>
/// One job of a batch: what to make and where to write it. A job is either a
/// <see cref="TransferBatchJob"/> (optimised with the batch's feature extractor) or a
/// <see cref="FastStyleBatchJob"/> (one pass of a trained fast-style model).
/// </summary>
public abstract record BatchJob
{
    /// <summary>Where the job came from, for messages: its 1-based line in the manifest (0 when it has none).</summary>
    public int Line { get; init; }

    /// <summary>The result's path (.png, .jpg or .webp); written atomically, never one of any job's inputs.</summary>
    public required string Output { get; init; }

    /// <summary>The photo to stylise.</summary>
    public required string Content { get; init; }

    /// <summary>Every file the job reads, with its role (content image, style image, style mask, model).</summary>
    public abstract IEnumerable<(string Path, string Role)> Inputs { get; }

    /// <summary>What the job is, for messages: <c>line N (OUTPUT)</c>.</summary>
    public string Describe() => Line > 0 ? $"line {Line} ({Output})" : Output;
}
