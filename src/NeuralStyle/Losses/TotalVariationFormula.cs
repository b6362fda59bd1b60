namespace NeuralStyle.Losses;

/// <summary>How the total variation loss penalises differences between neighbouring pixels.</summary>
public enum TotalVariationFormula
{
    /// <summary>
    /// The Keras example: <c>Σ ((x[i,j] − x[i+1,j])² + (x[i,j] − x[i,j+1])²)^1.25</c> over the
    /// image without its last row and column.
    /// </summary>
    KerasExample,

    /// <summary>Mean squared difference of vertical and horizontal neighbours (L2).</summary>
    MeanSquare,

    /// <summary>Mean absolute difference of vertical and horizontal neighbours (L1).</summary>
    MeanAbsolute,
}
