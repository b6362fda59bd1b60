namespace NeuralStyle.Hosting.Jobs;

/// <summary>How a request is stylised.</summary>
public enum StylizationMethod
{
    /// <summary>One pass of a fast-style model (a built-in style or a model file): about a second.</summary>
    Fast,

    /// <summary>A style transfer (Gatys et al.) of a built-in style's painting, optimised for this photo: minutes, in its own queue.</summary>
    Paint,
}
