using NeuralStyle.Imaging;

namespace NeuralStyle.Configuration;

/// <summary>Image geometry and colour: the output's size, how style images are sized, and whose colours the result keeps.</summary>
public sealed record ImageSettings
{
    /// <summary>The smallest <see cref="OutputSize.Pixels"/> a transfer accepts.</summary>
    public const int MinimumSize = 16;

    /// <summary>The largest <see cref="OutputSize.Pixels"/> a transfer accepts.</summary>
    public const int MaximumSize = 16384;

    /// <summary>The largest <see cref="StyleScale"/>.</summary>
    public const double MaximumStyleScale = 8;

    /// <summary>The working and output size, from the content image (default 512 px longest side).</summary>
    public OutputSize Size { get; init; } = OutputSize.LongestSide(512);

    /// <summary>How style images are sized (default: the output's longest side).</summary>
    public StyleImageSizing StyleSizing { get; init; } = StyleImageSizing.MatchLongestSide;

    /// <summary>
    /// Style image size relative to the output (neural-style's <c>-style_scale</c>): 1 (the default)
    /// sizes it as <see cref="StyleSizing"/> says; 0.5 halves it, so the style's strokes and
    /// patterns come out twice as large relative to the image; 2 makes them finer.
    /// </summary>
    public double StyleScale { get; init; } = 1;

    /// <summary>Whether the result keeps the content's colours (default: it takes the style's).</summary>
    public ColorPreservation ColorPreservation { get; init; } = ColorPreservation.None;

    internal void Validate(ProblemList problems)
    {
        if (Size is null)
        {
            problems.Add(Setting.Size, "The output size is not set.", "Use OutputSize.LongestSide(512), OutputSize.Height(400) or OutputSize.Original.");
        }
        else if (Size.Mode != OutputSizeMode.Original)
        {
            SettingDescriptions.Size.Check(problems, Size.Pixels);
        }

        problems.RequireDefined(StyleSizing, Setting.StyleSizing);
        SettingDescriptions.StyleScale.Check(problems, StyleScale);
        problems.RequireDefined(ColorPreservation, Setting.ColorPreservation);
    }
}
