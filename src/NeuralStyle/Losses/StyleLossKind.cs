namespace NeuralStyle.Losses;

/// <summary>Which statistic of the features the style loss matches.</summary>
public enum StyleLossKind
{
    /// <summary>Gram matrices (Gatys et al.), normalised as <see cref="StyleLossFormula"/> says. The default.</summary>
    Gram,

    /// <summary>
    /// Mean and covariance of the channels, each compared by its relative squared error:
    /// separates the colour/brightness level from the texture.
    /// </summary>
    MeanCovariance,

    /// <summary>
    /// The squared 2-Wasserstein distance between Gaussians with the features' means and
    /// covariances (as crowsonkb/style-transfer-pytorch).
    /// </summary>
    Wasserstein,
}
