namespace NeuralStyle.Configuration;

/// <summary>How style images are sized relative to the (resized) content.</summary>
public enum StyleImageSizing
{
    /// <summary>Same longest side as the content, aspect ratio kept (the default).</summary>
    MatchLongestSide,

    /// <summary>Exactly the content's width and height, as the Keras example (distorts the aspect).</summary>
    MatchContentSize,
}
