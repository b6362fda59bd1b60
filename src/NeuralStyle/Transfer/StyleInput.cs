using NeuralStyle.Configuration;

namespace NeuralStyle.Transfer;

/// <summary>
/// A style image with its blend weight and an optional region mask: the one description of a style
/// input, for transfers (<see cref="StyleTransferBuilder.AddStyle(StyleInput)"/>), the training of
/// fast styles and the commands alike.
/// </summary>
/// <param name="Source">Where the image comes from (a file, a stream, an image in memory).</param>
/// <param name="Weight">Blend weight (the target of unmasked styles is the weighted mean of theirs; a masked style's loss is multiplied by it).</param>
/// <param name="Mask">
/// Null to style the whole image; otherwise a grayscale image (resized to the content): this style
/// applies where it is white, not where it is black. Where no mask is white, and no style is
/// unmasked, the content is kept unstyled.
/// </param>
public sealed record StyleInput(ImageSource Source, double Weight = 1, ImageSource? Mask = null)
{
    /// <summary>A style image file with its weight and optional mask file.</summary>
    public static StyleInput FromFile(string path, double weight = 1, string? maskPath = null) =>
        new(ImageSource.FromFile(path), weight, maskPath is null ? null : ImageSource.FromFile(maskPath));

    /// <summary>The files it reads, with their roles.</summary>
    public IEnumerable<(string Path, string Role)> Files =>
        new[] { (Source?.FilePath, "style image"), (Mask?.FilePath, "style mask") }.Where(f => f.Item1 is not null).Select(f => (f.Item1!, f.Item2));

    /// <summary>This input with sources that give the same image at every load, and what identifies their content (<see cref="ImageSource.ForReuse"/>).</summary>
    internal (StyleInput Input, string Identity) ForReuse(long maxBytes)
    {
        (ImageSource source, string sourceIdentity) = Source.ForReuse(maxBytes);
        (ImageSource Source, string Identity)? mask = Mask?.ForReuse(maxBytes);
        return (this with { Source = source, Mask = mask?.Source }, mask is null ? sourceIdentity : $"{sourceIdentity} masked by {mask.Value.Identity}");
    }

    /// <summary>This input with sources that give the same image at every load (<see cref="ImageSource.Rereadable"/>).</summary>
    internal StyleInput Rereadable(long maxBytes) => this with { Source = Source.Rereadable(maxBytes), Mask = Mask?.Rereadable(maxBytes) };

    /// <summary>Records what is wrong with it: a missing source or file, a weight that is not a positive finite number.</summary>
    /// <param name="problems">Where problems are recorded.</param>
    public void Validate(ProblemList problems)
    {
        if (Source is null)
        {
            problems.Add(Setting.StyleImage, "A style image source is null.", "Pass an ImageSource, a path, a stream or an image.");
            return;
        }

        Source.Validate(problems, Setting.StyleImage);
        Mask?.Validate(problems, Setting.StyleMask);
        SettingDescription blend = SettingDescriptions.StyleBlendWeight;
        problems.Require(
            blend.Range!.Contains(Weight),
            Setting.StyleBlendWeight,
            FormattableString.Invariant($"The blend weight of style {Source.Description} must be {blend.Valid} (got {Weight})."),
            blend.Fix);
    }
}
