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
    public double WidthFactor => FactorOf(Width);

    /// <summary>The channels after the first convolution (32 at full width); the next stages have 2x and 4x as many.</summary>
    public int BaseChannels => (int)(32 * WidthFactor);

    /// <summary>The width factor as text (<c>1</c>, <c>0.5</c> or <c>0.25</c>), as model files and the command line write it.</summary>
    public string WidthText => WidthTextOf(Width);

    /// <summary>The ways a width is written beside its enum name: its factor (<c>1</c>, <c>0.5</c>, <c>0.25</c>), also as <c>1.0</c>, <c>.5</c>, <c>1/2</c>, <c>.25</c>, <c>1/4</c>.</summary>
    internal static IReadOnlyDictionary<string, NetworkWidth> WidthAliases { get; } = new Dictionary<string, NetworkWidth>
    {
        ["1"] = NetworkWidth.Full,
        ["1.0"] = NetworkWidth.Full,
        ["0.5"] = NetworkWidth.Half,
        [".5"] = NetworkWidth.Half,
        ["1/2"] = NetworkWidth.Half,
        ["0.25"] = NetworkWidth.Quarter,
        [".25"] = NetworkWidth.Quarter,
        ["1/4"] = NetworkWidth.Quarter,
    };

    /// <summary>The shape in words, as messages and summaries give it, with the width as the command line writes it: e.g. "network of width 0.5 with 5 residual blocks".</summary>
    /// <returns>The width factor and the block count.</returns>
    public override string ToString() =>
        $"network of width {WidthText} with {ResidualBlocks} residual block{(ResidualBlocks == 1 ? string.Empty : "s")}";

    /// <summary>The width a factor names (<c>1</c>, <c>0.5</c>, <c>0.25</c>, or the enum's name), or null when it names none.</summary>
    public static NetworkWidth? ParseWidth(string? text) =>
        text is not null && SettingText.TryParse(text, out NetworkWidth width, WidthAliases) ? width : null;

    /// <summary>A width as model files and the command line write it: its factor, <c>1</c>, <c>0.5</c> or <c>0.25</c>.</summary>
    internal static string WidthTextOf(NetworkWidth width) => FactorOf(width).ToString(CultureInfo.InvariantCulture);

    private static double FactorOf(NetworkWidth width) => width switch
    {
        NetworkWidth.Full => 1,
        NetworkWidth.Half => 0.5,
        NetworkWidth.Quarter => 0.25,
        _ => throw new InvalidOperationException($"Unknown width {width}."),
    };

    internal void Validate(ProblemList problems)
    {
        problems.RequireDefined(Width, TrainingSetting.Width);
        Training.TrainingSettingDescriptions.ResidualBlocks.Check(problems, ResidualBlocks);
    }
}
