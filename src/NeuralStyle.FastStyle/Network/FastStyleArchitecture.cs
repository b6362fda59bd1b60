using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Training;

namespace NeuralStyle.FastStyle.Network;

/// <summary>
/// The shape of a fast style network (Johnson et al. 2016, pytorch/examples' <c>TransformerNet</c>):
/// a reflection-padded 9x9 convolution, two stride-2 3x3 convolutions, <see cref="ResidualBlocks"/>
/// residual blocks, two nearest-neighbour x2 upsampling 3x3 convolutions and a 9x9 convolution to
/// RGB, with instance normalisation and ReLU after every convolution but the last; channel counts
/// set by <see cref="Width"/>.
/// </summary>
public sealed record FastStyleArchitecture
{
    /// <summary>The fewest residual blocks.</summary>
    public const int MinimumResidualBlocks = 1;

    /// <summary>The most residual blocks.</summary>
    public const int MaximumResidualBlocks = 16;

    /// <summary>The default: half width (the speed goal's network), five residual blocks.</summary>
    public static FastStyleArchitecture Default { get; } = new();

    /// <summary>The channel width (default <see cref="NetworkWidth.Half"/>).</summary>
    public NetworkWidth Width { get; init; } = NetworkWidth.Half;

    /// <summary>The number of residual blocks (default 5, as in Johnson et al.).</summary>
    public int ResidualBlocks { get; init; } = 5;

    /// <summary>The width as a factor of the full network's channels: 1, 0.5 or 0.25.</summary>
    public double WidthFactor => Width switch
    {
        NetworkWidth.Full => 1,
        NetworkWidth.Half => 0.5,
        NetworkWidth.Quarter => 0.25,
        _ => throw new InvalidOperationException($"Unknown width {Width}."),
    };

    /// <summary>The channels after the first convolution (32 at full width); the next stages have 2x and 4x as many.</summary>
    public int BaseChannels => (int)(32 * WidthFactor);

    /// <summary>The width factor as text (<c>1</c>, <c>0.5</c> or <c>0.25</c>), as model files and the command line write it.</summary>
    public string WidthText => WidthFactor.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shape in words, as messages and summaries give it, with the width as the command line writes it: e.g. "network of width 0.5 with 5 residual blocks".</summary>
    /// <returns>The width factor and the block count.</returns>
    public override string ToString() =>
        $"network of width {WidthText} with {ResidualBlocks} residual block{(ResidualBlocks == 1 ? string.Empty : "s")}";

    /// <summary>The width a factor names (<c>1</c>, <c>0.5</c>, <c>0.25</c>, or the enum's name), or null when it names none.</summary>
    public static NetworkWidth? ParseWidth(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "full" => NetworkWidth.Full,
        "0.5" or ".5" or "1/2" or "half" => NetworkWidth.Half,
        "0.25" or ".25" or "1/4" or "quarter" => NetworkWidth.Quarter,
        _ => null,
    };

    internal void Validate(ProblemList problems)
    {
        problems.RequireDefined(Width, TrainingSetting.Width);
        Training.TrainingSettingDescriptions.ResidualBlocks.Check(problems, ResidualBlocks);
    }
}
