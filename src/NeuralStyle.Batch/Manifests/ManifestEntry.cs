using System.Text.Json;

namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// One job of a JSONL manifest as written (<see cref="Manifest"/>): its files, resolved against the
/// manifest's folder, what stylises it (style images or a model), and every other key as a setting
/// for the host to bind (the <c>neural-style</c> command binds them through its own options).
/// </summary>
public sealed record ManifestEntry
{
    /// <summary>Its 1-based line in the manifest.</summary>
    public required int Line { get; init; }

    /// <summary>The manifest's folder: relative paths in <see cref="Settings"/> are relative to it.</summary>
    public required string Folder { get; init; }

    /// <summary><c>content</c>: the photo, a full path.</summary>
    public required string Content { get; init; }

    /// <summary><c>output</c>: the result, a full path.</summary>
    public required string Output { get; init; }

    /// <summary><c>style</c>: the style images of a transfer, full paths (empty for a model line).</summary>
    public IReadOnlyList<string> Styles { get; init; } = [];

    /// <summary>
    /// <c>model</c> as written: a built-in style's name or a model file (relative to <see cref="Folder"/>),
    /// for the host to resolve; null for a transfer line.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>Every other key with its value, in line order; a key given <c>null</c> is left out (its default).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Settings { get; init; } = [];
}
