using NeuralStyle.Stylizing;

namespace NeuralStyle.Batch.Jobs;

/// <summary>
/// One job of a batch: the photo, what stylises it and where the result goes. The stylizer is
/// the caller's (a transfer from <c>StyleTransferBuilder.BuildStylizer()</c>, a model's
/// <c>AsStylizer()</c>); jobs that share one share its work (a model loaded once, style targets
/// computed once), and the caller disposes it after the batch.
/// </summary>
public sealed record BatchJob
{
    /// <summary>Where the job came from, for messages: its 1-based line in a manifest (0, the default, when it has none).</summary>
    public int Line { get; init; }

    /// <summary>The photo to stylise.</summary>
    public required string Content { get; init; }

    /// <summary>The result's path (.png, .jpg or .webp); written atomically, never one of any job's inputs.</summary>
    public required string Output { get; init; }

    /// <summary>What stylises the photo.</summary>
    public required IStylizer Stylizer { get; init; }

    /// <summary>Every file the job reads, with its role: the photo and the stylizer's inputs (style images, a model file).</summary>
    public IEnumerable<(string Path, string Role)> Inputs => Stylizer.Inputs.Prepend((Content, "content image"));

    /// <summary>What the job is, for messages: <c>line N (OUTPUT)</c>, or the output.</summary>
    public string Describe() => Line > 0 ? $"line {Line} ({Output})" : Output;
}
