namespace NeuralStyle.Losses;

/// <summary>How the content loss compares feature maps.</summary>
public enum ContentLossFormula
{
    /// <summary>Sum of squared differences, as the Keras example (the seed recipe).</summary>
    SumOfSquares,

    /// <summary>Mean of squared differences.</summary>
    MeanSquare,

    /// <summary>Sum of squared differences divided by the target's sum of squares: scale-free.</summary>
    Relative,
}
