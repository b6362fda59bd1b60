using System.CommandLine;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.FastStyle;

/// <summary>
/// The options that make a <see cref="StylizeOptions"/> (declared once, defaults read from
/// <see cref="StylizeOptions.Default"/>): used by <c>apply</c> and by <c>batch</c> manifest lines with a model.
/// </summary>
internal sealed class StylizeOptionSet
{
    private readonly Option<double?> _strength = new("--strength") { Description = FormattableString.Invariant($"Blend of the output over the photo, 0 to 1. [default: {StylizeOptions.Default.Strength}]") };
    private readonly Option<bool> _keepColors = new("--preserve-colors") { Description = "Keep the photo's colours (the output's luminance only)." };
    private readonly Option<int?> _tileSize = new("--tile-size") { Description = $"Images with a side above this run in overlapping tiles. [default: {StylizeOptions.Default.TileSize}]" };
    private readonly Option<int?> _size = new("--size", "-s") { Description = "Resize each photo to this longest side first. [default: the photo's own size]" };

    /// <summary>The options, for a command or a manifest line.</summary>
    public IReadOnlyList<Option> All => [_strength, _keepColors, _tileSize, _size];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The stylise options a parse describes (validated when used).</summary>
    public StylizeOptions Read(ParseResult result) => StylizeOptions.Default with
    {
        Strength = result.GetValue(_strength) ?? StylizeOptions.Default.Strength,
        ColorPreservation = result.GetValue(_keepColors) ? ColorPreservation.LuminanceOnly : StylizeOptions.Default.ColorPreservation,
        TileSize = result.GetValue(_tileSize) ?? StylizeOptions.Default.TileSize,
        Size = result.GetValue(_size) ?? StylizeOptions.Default.Size,
    };
}
