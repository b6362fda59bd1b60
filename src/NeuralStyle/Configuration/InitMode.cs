namespace NeuralStyle.Configuration;

/// <summary>What the optimised image starts from.</summary>
public enum InitMode
{
    /// <summary>The content photo (the Keras example; fastest to a good result).</summary>
    Content,

    /// <summary>The (first) style image, resized to the content's size.</summary>
    Style,

    /// <summary>Uniform noise in [0, 1], seeded.</summary>
    Noise,

    /// <summary>A flat mid-gray image (0.5 in every channel).</summary>
    Gray,
}
