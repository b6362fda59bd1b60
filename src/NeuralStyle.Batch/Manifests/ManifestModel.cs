using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Batch.Manifests;

/// <summary>A manifest line's fast-style model and how it stylises.</summary>
/// <param name="Name">A built-in style's name (e.g. <c>starry-night</c>) or a model file's full path.</param>
/// <param name="Options"><see cref="StylizeOptions.Default"/> with the line's keys applied (<see cref="StylizeSettingBindings"/>); validated when the model's stylizer is made.</param>
public sealed record ManifestModel(string Name, StylizeOptions Options);
