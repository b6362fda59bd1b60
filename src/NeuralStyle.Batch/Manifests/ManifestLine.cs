namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// One job of a JSONL manifest (<see cref="Manifest"/>), its settings bound: the photo, the result,
/// and what stylises it, a style transfer (<see cref="Transfer"/>) or a fast-style model
/// (<see cref="Model"/>). <see cref="ManifestStylizers"/> turns lines into <see cref="Jobs.BatchJob"/>s.
/// </summary>
public sealed record ManifestLine
{
    /// <summary>Its 1-based line in the manifest.</summary>
    public required int Line { get; init; }

    /// <summary><c>content</c>: the photo, a full path.</summary>
    public required string Content { get; init; }

    /// <summary><c>output</c>: the result, a full path.</summary>
    public required string Output { get; init; }

    /// <summary>The style transfer the line asks for (<c>style</c> and its settings); null for a model line.</summary>
    public ManifestTransfer? Transfer { get; init; }

    /// <summary>The model the line asks for (<c>model</c> and its settings); null for a transfer line.</summary>
    public ManifestModel? Model { get; init; }
}
