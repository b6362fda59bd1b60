using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.Batch;

/// <summary>A manifest line as read: its files and what it asks for (a transfer or a model), before any stylizer is made.</summary>
/// <param name="Number">Its 1-based line number.</param>
/// <param name="Content">The photo.</param>
/// <param name="Output">The result's path.</param>
internal sealed record ManifestLine(int Number, string Content, string Output)
{
    /// <summary>The transfer it asks for (styles and settings), or null for a model line.</summary>
    public StyleJob? Transfer { get; init; }

    /// <summary>The model it asks for (a built-in style's name or a model file), or null for a transfer line.</summary>
    public string? Model { get; init; }

    /// <summary>How the model stylises (a model line's options).</summary>
    public StylizeOptions? Options { get; init; }
}
