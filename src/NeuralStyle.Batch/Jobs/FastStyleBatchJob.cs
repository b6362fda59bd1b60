using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Batch.Jobs;

/// <summary>One pass of a trained fast-style model (each distinct model is loaded once per batch).</summary>
public sealed record FastStyleBatchJob : BatchJob
{
    /// <summary>The model file (.safetensors from training).</summary>
    public required string Model { get; init; }

    /// <summary>How to stylise (validated when the batch is prepared).</summary>
    public StylizeOptions Options { get; init; } = StylizeOptions.Default;

    /// <inheritdoc />
    public override IEnumerable<(string Path, string Role)> Inputs => [(Content, "content image"), (Model, "model")];
}
