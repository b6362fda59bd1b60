using NeuralStyle.Batch.Running;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Styles;

namespace NeuralStyle.Batch.Jobs;

/// <summary>One pass of a trained fast-style model (each distinct model is loaded once per batch).</summary>
public sealed record FastStyleBatchJob : BatchJob
{
    /// <summary>A built-in style's name (<see cref="BuiltInStyles.Names"/>) or a model file (.safetensors from training).</summary>
    public required string Model { get; init; }

    /// <summary>How to stylise (validated when the batch is prepared).</summary>
    public StylizeOptions Options { get; init; } = StylizeOptions.Default;

    /// <inheritdoc />
    public override IEnumerable<(string Path, string Role)> Inputs =>
        BuiltIn is null ? [(Content, "content image"), (Model, "model")] : [(Content, "content image")];

    /// <summary>The built-in style <see cref="Model"/> names, or null for a model file.</summary>
    internal BuiltInStyle? BuiltIn => BuiltInStyles.TryParse(Model, out BuiltInStyle style) ? style : null;

    /// <summary>What identifies the model within a batch: a built-in style's name, or the file's full path.</summary>
    internal string ModelKey => BuiltIn is BuiltInStyle style ? BuiltInStyles.NameOf(style) : IO.OutputGuard.Canonical(Model);
}
