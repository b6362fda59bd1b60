namespace NeuralStyle.Transfer;

/// <summary>A style image and its blend weight.</summary>
/// <param name="Source">Where the image comes from.</param>
/// <param name="Weight">Blend weight (the target Gram is the weighted mean of the styles').</param>
public sealed record StyleInput(ImageSource Source, double Weight = 1);
