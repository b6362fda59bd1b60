using NeuralStyle.Features;

namespace NeuralStyle.Engine;

/// <summary>
/// One weighted term of an <see cref="Objective"/>: it owns the targets it compares with and gives
/// its losses for one image. The transfer's objective and fast-style training's loss are two
/// compositions of the same terms (<see cref="ContentTerm"/>, <see cref="StyleTerm"/>,
/// <see cref="TotalVariationTerm"/>); an extension that trains or optimises with its own objective
/// composes these with terms of its own, derived from this class.
/// </summary>
public abstract class ObjectiveTerm : IDisposable
{
    /// <summary>Sets the term's kind and weight.</summary>
    /// <param name="kind">Which sum the term adds to.</param>
    /// <param name="weight">The term's weight, finite and at least 0; 0 turns it off.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is negative or not finite.</exception>
    protected ObjectiveTerm(ObjectiveTermKind kind, double weight)
    {
        CheckWeight(weight);
        Kind = kind;
        Weight = weight;
    }

    /// <summary>Which of the objective's sums the term adds to.</summary>
    public ObjectiveTermKind Kind { get; }

    /// <summary>The term's weight; 0 turns it off (it gives no loss).</summary>
    public double Weight { get; }

    /// <summary>The layers whose activations the term reads (none for a term of pixels).</summary>
    public abstract IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>The term's losses for one image, each with its weight (this term's included); none when <see cref="Weight"/> is 0.</summary>
    /// <param name="input">The image and its activations.</param>
    public abstract IEnumerable<WeightedLoss> Losses(TermInput input);

    /// <summary>Throws unless <paramref name="weight"/> is a term's weight: finite and at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is negative or not finite.</exception>
    private protected static void CheckWeight(double weight)
    {
        if (!(weight >= 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A term's weight must be a finite number >= 0 (0 turns the term off).");
        }
    }

    /// <summary>Releases the targets the term owns.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the targets the term owns.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
