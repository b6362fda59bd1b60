namespace NeuralStyle.Engine;

/// <summary>Which of the objective's three sums an <see cref="ObjectiveTerm"/> adds to.</summary>
public enum ObjectiveTermKind
{
    /// <summary>Keeps the content image's features.</summary>
    Content,

    /// <summary>Matches the style image's feature statistics.</summary>
    Style,

    /// <summary>Keeps neighbouring pixels close.</summary>
    TotalVariation,
}
