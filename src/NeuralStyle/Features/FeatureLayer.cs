namespace NeuralStyle.Features;

/// <summary>
/// A typed identifier of one activation inside a feature extractor's network, such as VGG19's
/// <c>relu4_2</c>. Each backbone derives its own sealed record so that layer ids of different
/// networks cannot be mixed up, and so that <c>conv4_2</c> (before the ReLU) and <c>relu4_2</c>
/// (after it) stay distinct values.
/// </summary>
public abstract record FeatureLayer
{
    /// <summary>The canonical name, e.g. <c>relu4_2</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Position of the layer in the network's forward order (0 = first); extraction runs up to
    /// the largest depth requested and no further.
    /// </summary>
    public abstract int Depth { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Name;
}
