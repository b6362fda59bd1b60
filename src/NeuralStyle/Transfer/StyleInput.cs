namespace NeuralStyle.Transfer;

/// <summary>A style image, its blend weight and an optional region mask.</summary>
/// <param name="Source">Where the image comes from.</param>
/// <param name="Weight">Blend weight (the target of unmasked styles is the weighted mean of theirs; a masked style's loss is multiplied by it).</param>
/// <param name="Mask">
/// Null to style the whole image; otherwise a grayscale image (resized to the content): this style
/// applies where it is white, not where it is black. Where no mask is white, and no style is
/// unmasked, the content is kept unstyled.
/// </param>
internal sealed record StyleInput(ImageSource Source, double Weight = 1, ImageSource? Mask = null);
